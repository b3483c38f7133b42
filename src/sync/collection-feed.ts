import type { RxReplicationPullStreamItem } from 'rxdb';
import type { Observable, Subject } from 'rxjs';
import { checkpointSchema, type Checkpoint } from '../protocol/index.ts';
import { inIdOrder } from './replicate-collection.ts';
import { createResyncGate } from './resync-gate.ts';

export type StreamItem = RxReplicationPullStreamItem<unknown, Checkpoint>;
export type StreamBatch = Exclude<StreamItem, 'RESYNC'>;

/**
 * What one collection's replication is fed from the shared stream: batches
 * of changes, and "pull from your checkpoint" (RESYNC) when something
 * suggests changes were missed (the stream reconnected, the network came
 * back, the page came back on screen).
 */
export interface CollectionFeed {
  /** Ask for a pull from the checkpoint; batches are held back until it is on its way. */
  resync(): void;
  /** One batch from the stream (the event's raw data). */
  batch(data: string): void;
  close(): void;
}

export interface CollectionFeedOptions {
  /** The replication's stream$ source. */
  subject: Subject<StreamItem>;
  initialReplication: Promise<unknown>;
  active$: Observable<boolean>;
  /** A batch went to the replication (the data on screen is fresh). */
  onBatch?: () => void;
}

/**
 * RESYNC waits in the gate until the replication is idle (resync-gate.ts). A
 * batch must not overtake it: RxDB stores a batch's checkpoint as it is, so
 * after a reconnect the first batch (changes made from now on) would move the
 * checkpoint past everything posted while the tablet was away, and the RESYNC
 * that follows would pull from there — those entries would never reach this
 * tablet (found by the fast-check sync simulation). So while a RESYNC is
 * pending, batches are dropped: the pull it starts reads from the stored
 * checkpoint to the end and brings their documents anyway. Once RESYNC is in
 * the replication's queue, later batches queue behind it.
 */
export function createCollectionFeed(options: CollectionFeedOptions): CollectionFeed {
  const { subject } = options;
  let resyncPending = false;
  const gate = createResyncGate(options.initialReplication, options.active$, () => {
    resyncPending = false;
    subject.next('RESYNC');
  });
  return {
    resync() {
      resyncPending = true;
      gate.request();
    },
    batch(data) {
      if (resyncPending) return;
      const batch = parseBatch(data);
      if (!batch) return;
      subject.next(batch);
      options.onBatch?.();
    },
    close() {
      gate.close();
    },
  };
}

/** A stream event's data as a replication batch, or null when it cannot advance replication. */
export function parseBatch(data: string): StreamBatch | null {
  let body: unknown;
  try {
    body = JSON.parse(data);
  } catch {
    console.warn('stream: event data is not JSON');
    return null;
  }
  if (typeof body !== 'object' || body === null) return null;
  const { documents, checkpoint } = body as { documents?: unknown; checkpoint?: unknown };
  const parsedCheckpoint = checkpointSchema.safeParse(checkpoint);
  // A batch without a checkpoint cannot advance replication: the next resync pulls it instead.
  if (!Array.isArray(documents) || !parsedCheckpoint.success) return null;
  // Documents go through the replication's pull modifier (field stripping) like pulled ones.
  return { documents: inIdOrder(documents) as StreamBatch['documents'], checkpoint: parsedCheckpoint.data };
}
