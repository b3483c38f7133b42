import type { Observable } from 'rxjs';

/**
 * Passes "pull from your checkpoint" requests (the stream's `resync`, coming
 * back online or on screen) to one replication, but only when it is safe and
 * cheap: after its initial replication, and while it is idle. Requests made
 * in between are folded into one, sent as soon as both hold.
 *
 * Why: in RxDB a RESYNC also restarts the upstream's initial pass. If it
 * arrives while the upstream still has unprocessed events from a large pulled
 * write, the upstream drops their checkpoint and re-reads every document
 * written since its last stored checkpoint, in push-sized batches, each an
 * index scan over all the rest. After a fresh tablet's first sync that took
 * tens of seconds and continued after a reload, with the clerk's own entry
 * queued behind it. A busy replication is already pulling, so waiting for
 * idle loses nothing; the RESYNC that follows costs one empty pull.
 */
export interface ResyncGate {
  request: () => void;
  close: () => void;
}

export function createResyncGate(
  initialReplication: Promise<unknown>,
  active$: Observable<boolean>,
  emit: () => void,
): ResyncGate {
  let ready = false;
  let idle = false;
  let wanted = false;

  function flush(): void {
    if (!wanted || !ready || !idle) return;
    wanted = false;
    emit();
  }

  initialReplication.then(
    () => {
      ready = true;
      flush();
    },
    () => undefined, // canceled before it finished: nothing left to resync
  );
  const subscription = active$.subscribe((active) => {
    idle = !active;
    flush();
  });

  return {
    request() {
      wanted = true;
      flush();
    },
    close() {
      subscription.unsubscribe();
    },
  };
}
