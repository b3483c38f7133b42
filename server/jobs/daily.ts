import type { ChangeNotifier } from '../fanout/notifier.ts';
import { rebuildProjections } from '../services/projections.ts';
import { ageTimeline } from '../services/timeline-window.ts';
import type { Sql } from '../store/sql.ts';
import { refreshStatistics } from '../store/statistics.ts';
import { runExpiry, type ExpiryRun } from './expiry.ts';

export interface DailyRun extends ExpiryRun {
  /** Accounts rewritten because time moved their available points or rank (or they were wrong). */
  refreshed: number;
  /** Purchases and contacts that aged out of the device window (tablets drop them). */
  timelineAged: number;
}

/**
 * The ledger's daily work: post expiries, then bring every account up to
 * `now`. Vesting, the expiry state of lots and the trailing rank window move
 * with time, not with postings; without the refresh a tablet would show
 * yesterday's available points until the member's next purchase.
 */
export async function runDaily(sql: Sql, now: string, notifier: ChangeNotifier): Promise<DailyRun> {
  const expiry = await runExpiry(sql, { now, notifier });
  const rebuild = await rebuildProjections(sql, { now, fix: true, notifier });
  const timelineAged = await ageTimeline(sql, notifier, now);
  // A day of postings later, plans made for yesterday's table sizes may no longer fit.
  await refreshStatistics(sql);
  return { ...expiry, refreshed: rebuild.fixed, timelineAged };
}

export interface JobLog {
  info(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface DailyJobOptions {
  sql: Sql;
  notifier: ChangeNotifier;
  log: JobLog;
  /** Default once a day. */
  intervalMs?: number;
  /** The first run, shortly after start, catches up on whatever the server missed while down. Default 5 s. */
  firstRunMs?: number;
  clock?: () => Date;
}

export interface DailyJob {
  /** Resolves with the run (or undefined if one was already running, or the job stopped). */
  runNow(): Promise<DailyRun | undefined>;
  /** Cancels the timer and waits for a run in progress: the store must not close under it. */
  stop(): Promise<void>;
}

export const DAY_MS = 24 * 3600 * 1000;

/**
 * The daily job on a timer. Runs never overlap in one process; on several
 * instances they may, and the deterministic expiry keys and the write lock
 * make that harmless. Failures are logged and retried at the next tick.
 */
export function startDailyJob(options: DailyJobOptions): DailyJob {
  const { sql, notifier, log, intervalMs = DAY_MS, firstRunMs = 5000, clock = () => new Date() } = options;
  let stopped = false;
  let running: Promise<DailyRun | undefined> | null = null;
  let timer: NodeJS.Timeout | null = null;

  const runNow = (): Promise<DailyRun | undefined> => {
    if (stopped) return Promise.resolve(undefined);
    if (running) return running.then(() => undefined);
    const started = Date.now();
    running = runDaily(sql, clock().toISOString(), notifier)
      .then(
        (run) => {
          log.info({ ...run, ms: Date.now() - started }, 'daily job: expiries posted, accounts refreshed, old timeline items off the tablets');
          return run;
        },
        (error: unknown) => {
          log.error({ err: error }, 'points daily job failed; retrying at the next run');
          return undefined;
        },
      )
      .finally(() => {
        running = null;
      });
    return running;
  };

  const schedule = (delay: number): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      void runNow().finally(() => schedule(intervalMs));
    }, delay);
    // The job never keeps the process alive on its own.
    timer.unref();
  };
  schedule(firstRunMs);

  return {
    runNow,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (running) await running;
    },
  };
}
