import type { ReplicationPullOptions, RxCollection, RxReplicationPullStreamItem, WithDeleted } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { Observable } from 'rxjs';
import { fieldsOf } from '../db/index.ts';
import { SYNC_COLLECTIONS, type Checkpoint, type CollectionName } from '../protocol/index.ts';
import { failureOf, needsAttention } from './sync-failure.ts';
import type { SyncTransport } from './transport.ts';

/**
 * Pull 2,000 per request: initial sync of a chain (10k members, their ledger,
 * stock) is dominated by round trips, and RxDB writes each batch in one
 * IndexedDB transaction. Push 100: the server takes up to 500, but a smaller
 * batch keeps one slow request from holding many clerks' entries hostage.
 */
export const PULL_BATCH_SIZE = 2_000;
export const PUSH_BATCH_SIZE = 100;
/** A failed request is retried after this; an `online` event skips the wait. */
export const RETRY_TIME_MS = 3_000;
/**
 * RxDB retries every RETRY_TIME_MS with no backoff. For failures no retry can
 * fix (revoked token, outdated protocol) a handler holds the error this long
 * first, so a chain of forgotten tablets does not hammer the server.
 */
const HOPELESS_HOLD_MS = 60_000;

async function failAfterHold(error: unknown): Promise<never> {
  if (needsAttention(failureOf(error))) await new Promise((resolve) => setTimeout(resolve, HOPELESS_HOLD_MS));
  throw error;
}

export interface ReplicationReporter {
  /** A pull of this collection succeeded (clears its failure). */
  pulled: (collection: CollectionName) => void;
  /** A push of this collection succeeded (clears its failure). */
  pushed: (collection: CollectionName) => void;
  failed: (collection: CollectionName, error: unknown) => void;
}

export interface CollectionReplicationOptions<T> {
  name: CollectionName;
  collection: RxCollection<T>;
  transport: SyncTransport;
  /** This collection's share of the one shared SSE stream. */
  stream$: Observable<RxReplicationPullStreamItem<T, Checkpoint>>;
  /** Unique per device and protocol version: a new enrolment starts from an empty checkpoint. */
  identifier: string;
  reporter: ReplicationReporter;
}

/**
 * Orders a batch by primary key before RxDB writes it. Why: RxDB stamps every
 * document of one bulk write with the same `_meta.lwt`, and stores as the
 * upstream checkpoint the last row written. The upstream's "changed since
 * checkpoint" query (on every app start and every RESYNC) then re-reads all
 * documents of that batch with a greater id — each 100-document step scanning
 * the whole same-lwt group. With 20k pulled entries that was ~15 s on every
 * start, with the clerk's unsent entries queued behind it. Written in id
 * order, the last row has (nearly) the highest id and the re-read is empty.
 * Order inside a batch means nothing to replication, so this costs only a sort.
 */
export function inIdOrder<D>(documents: readonly D[]): D[] {
  const id = (doc: D): string => {
    const value = (doc as { id?: unknown }).id;
    return typeof value === 'string' ? value : '';
  };
  return [...documents].sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));
}

/**
 * Replicates one collection with the server (DESIGN.md "Sync protocol").
 * Read-only collections (the server owns them) get no push at all, so a local
 * write there could never reach the server and be refused over and over.
 */
export function replicateCollection<T>(options: CollectionReplicationOptions<T>): RxReplicationState<T, Checkpoint> {
  const { name, transport, reporter } = options;
  const fields = fieldsOf(name);

  // Keep only the fields the local schema knows: a newer server may send more,
  // and the schema (additionalProperties: false) would refuse the whole batch.
  const strip = (doc: Record<string, unknown>): WithDeleted<T> => {
    const kept: Record<string, unknown> = { _deleted: doc._deleted === true };
    for (const field of fields) if (doc[field] !== undefined) kept[field] = doc[field];
    // The server validates documents against the same protocol schemas.
    return kept as unknown as WithDeleted<T>;
  };

  const kind = SYNC_COLLECTIONS[name].kind;
  const readOnly = kind === 'read-only';
  // Push-only (the audit log): the server never hands it back, and asking would
  // only fail (its scope is "nobody") and keep the tablet out of "synced".
  const pushOnly = kind === 'push-only';

  const pull: ReplicationPullOptions<T, Checkpoint> = {
    batchSize: PULL_BATCH_SIZE,
    stream$: options.stream$,
    modifier: strip,
    async handler(lastCheckpoint, batchSize) {
      try {
        const response = await transport.pull(name, lastCheckpoint, batchSize);
        reporter.pulled(name);
        return {
          documents: inIdOrder(response.documents) as unknown as WithDeleted<T>[],
          // null only for an empty collection pulled from the start.
          checkpoint: response.checkpoint ?? lastCheckpoint,
        };
      } catch (error) {
        reporter.failed(name, error);
        return failAfterHold(error);
      }
    },
  };

  return replicateRxCollection<T, Checkpoint>({
    replicationIdentifier: options.identifier,
    collection: options.collection,
    live: true,
    retryTime: RETRY_TIME_MS,
    // multiInstance is off (one window per tablet), so there is no leader to wait for.
    waitForLeadership: false,
    ...(pushOnly ? {} : { pull }),
    ...(readOnly
      ? {}
      : {
          push: {
            batchSize: PUSH_BATCH_SIZE,
            async handler(rows) {
              try {
                const conflicts = await transport.push(
                  name,
                  rows.map((row) => ({
                    assumedMasterState: (row.assumedMasterState as Record<string, unknown> | undefined) ?? null,
                    newDocumentState: row.newDocumentState,
                  })),
                );
                reporter.pushed(name);
                // The server's current documents of the rows it did not take as
                // sent. For the ledger that is every pushed entry, in its posted
                // form (with postingNo): RxDB's default handler adopts the
                // server's version, so a lost response or a stream copy racing the
                // push can never leave an unposted draft behind. Members use the
                // default handler for now too.
                return conflicts.map(strip);
              } catch (error) {
                reporter.failed(name, error);
                return failAfterHold(error);
              }
            },
          },
        }),
  });
}
