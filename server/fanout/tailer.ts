import type { Checkpoint, CollectionName } from '../../src/protocol/index.ts';
import type { AnyDocument } from '../services/collections.ts';
import { latestCheckpoint, readChanges } from '../services/changes.ts';
import type { Queryable } from '../store/sql.ts';

/** What a stream event carries: the same shape as a pull answer. */
export interface ChangeBatch {
  documents: AnyDocument[];
  checkpoint: Checkpoint;
}

export interface Tailer {
  /** Starts after the newest row: earlier rows reach streams through pull after `resync`. */
  start(): Promise<void>;
  /** "The collection changed": read what is new once, however many nudges arrived meanwhile. */
  poke(): void;
  /** Resolves when no read is in flight (tests, shutdown). */
  idle(): Promise<void>;
  stop(): void;
}

export interface TailerOptions {
  sql: Queryable;
  collection: CollectionName;
  /** May be async (a batch-level scope read); the next batch waits for it, so order holds. */
  onBatch: (batch: ChangeBatch) => void | Promise<void>;
  onError: (error: unknown) => void;
  pageSize?: number;
  retryMs?: number;
}

/**
 * One reader per collection per server instance. It follows the collection by
 * (seq, id), which never skips a row because writers commit in seq order (see
 * services/write-transaction.ts), and hands each new page to every stream at
 * once. The cost of a change is one query, whatever the number of tablets.
 */
export function createTailer({ sql, collection, onBatch, onError, pageSize = 1000, retryMs = 1000 }: TailerOptions): Tailer {
  let last: Checkpoint = { seq: 0, id: '' };
  let dirty = false;
  let stopped = false;
  let running: Promise<void> | null = null;
  let retry: NodeJS.Timeout | null = null;

  async function drain(): Promise<void> {
    while (dirty && !stopped) {
      dirty = false;
      for (;;) {
        const page = await readChanges(sql, collection, last, pageSize);
        if (!page.last || stopped) break;
        // Delivered before the checkpoint moves: a batch whose delivery failed
        // (its scope could not be read) is read and delivered again on retry.
        await onBatch({ documents: page.documents, checkpoint: page.last });
        last = page.last;
        if (page.documents.length < pageSize) break;
      }
    }
  }

  function poke(): void {
    if (stopped) return;
    dirty = true;
    if (running) return;
    running = drain()
      .catch((error: unknown) => {
        onError(error);
        // Try again later: the rows are still in the database, nothing is lost.
        retry ??= setTimeout(() => {
          retry = null;
          poke();
        }, retryMs);
        retry.unref();
      })
      .finally(() => {
        running = null;
      });
  }

  return {
    async start() {
      last = await latestCheckpoint(sql, collection);
    },
    poke,
    async idle() {
      while (running) await running;
    },
    stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
    },
  };
}
