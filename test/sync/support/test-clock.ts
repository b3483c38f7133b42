/**
 * The simulation's clock for the timers that decide how sync behaves: RxDB's
 * retry timers wait on it instead of on real milliseconds (see sim-tablet.ts),
 * so a 3 s retry costs no wall time and fires exactly where the scenario ticks
 * past it, or when the tablet's network comes back.
 *
 * It does not drive `Date`. The tablet's named operations take no `now` (they
 * read `new Date()` for `createdAt`), and mocking the global Date also moves the
 * clock of the embedded Postgres (PGlite runs in this process): its timers then
 * re-armed every millisecond (TimeoutOverflowWarning from __setitimer_js). Wall
 * time stays real; pass `clock.now()` to the operations once they accept `now`.
 */
export interface TestClock {
  now(): number;
  /** Moves time forward and releases every timer that became due. */
  advance(ms: number): void;
  /** Resolves when the clock reaches `now() + ms`, or earlier when `wake` fires for `owner`. */
  wait(owner: string, ms: number): Promise<void>;
  /** Releases now every timer whose owner matches (a browser's `online` event cutting RxDB's retry wait). */
  wake(match: (owner: string) => boolean): void;
  /** Timers still waiting whose owner matches. */
  pending(match: (owner: string) => boolean): number;
}

interface Timer {
  owner: string;
  dueAt: number;
  resolve: () => void;
}

export function createTestClock(start: number): TestClock {
  let current = start;
  let timers: Timer[] = [];

  function release(which: (timer: Timer) => boolean): void {
    const due = timers.filter(which);
    timers = timers.filter((timer) => !which(timer));
    for (const timer of due) timer.resolve();
  }

  return {
    now: () => current,
    advance(ms) {
      current += ms;
      release((timer) => timer.dueAt <= current);
    },
    wait(owner, ms) {
      return new Promise((resolve) => {
        timers.push({ owner, dueAt: current + ms, resolve });
      });
    },
    wake(match) {
      release((timer) => match(timer.owner));
    },
    pending(match) {
      return timers.filter((timer) => match(timer.owner)).length;
    },
  };
}
