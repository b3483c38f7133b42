import type { CollectionName } from '../../src/protocol/index.ts';
import { COLLECTION_NAMES } from '../../src/protocol/index.ts';
import { SYNCED_TABLES } from '../services/collections.ts';
import type { Device } from '../services/devices.ts';
import type { Queryable } from '../store/sql.ts';
import type { ChangeNotifier } from './notifier.ts';
import { type ChangeBatch, createTailer, type Tailer } from './tailer.ts';

/** One connected tablet stream, as the hub sees it; the transport (SSE) lives in http/. */
export interface StreamSink {
  device: Device;
  /** `data` is a serialised PullResponse. */
  send(collection: CollectionName, data: string): void;
  /** Ends the stream (shutdown); the tablet reconnects and resyncs. */
  end(): void;
}

export interface StreamHub {
  start(): Promise<void>;
  connect(sink: StreamSink): () => void;
  readonly size: number;
  /** Resolves once every tailer has delivered what it has been told about. */
  idle(): Promise<void>;
  /** Ends every stream and stops tailing. */
  stop(): Promise<void>;
}

export interface HubOptions {
  sql: Queryable;
  notifier: ChangeNotifier;
  /** `collection` is undefined when the revoked-device check failed. */
  onError: (error: unknown, collection: CollectionName | undefined) => void;
  /** How often open streams are checked for devices revoked through another instance. */
  revokedCheckMs?: number;
}

const REVOKED_CHECK_MS = 5000;

export function createStreamHub({ sql, notifier, onError, revokedCheckMs = REVOKED_CHECK_MS }: HubOptions): StreamHub {
  const sinks = new Set<StreamSink>();

  const broadcast = async (collection: CollectionName, batch: ChangeBatch): Promise<void> => {
    const table = SYNCED_TABLES[collection];
    // One scope read per batch, shared by every stream, and only when someone listens.
    const scope = sinks.size > 0 ? await table.loadScope?.(sql, batch.documents) : undefined;
    // Serialise once for everyone who may see the whole batch: with thousands of
    // streams, per-connection JSON would cost more than the query.
    let shared: string | null = null;
    for (const sink of sinks) {
      const documents = batch.documents.filter((doc) => table.visibleTo(sink.device, doc, scope));
      if (documents.length === 0) continue;
      const data =
        documents.length === batch.documents.length
          ? (shared ??= JSON.stringify(batch))
          : JSON.stringify({ documents, checkpoint: batch.checkpoint });
      try {
        sink.send(collection, data);
      } catch (error) {
        // One broken connection must not stop the others from hearing the change.
        onError(error, collection);
      }
    }
  };

  const tailers = new Map<CollectionName, Tailer>(
    COLLECTION_NAMES.map((collection) => [
      collection,
      createTailer({
        sql,
        collection,
        onBatch: (batch) => broadcast(collection, batch),
        onError: (error) => onError(error, collection),
      }),
    ]),
  );
  let unsubscribe: (() => void) | null = null;

  // A revocation on this instance ends its streams at once (stream-route.ts); one
  // made through another instance sharing the database is found here, with one
  // query for all of this instance's streams, so a lost tablet stops hearing changes.
  const endRevokedStreams = async (): Promise<void> => {
    if (sinks.size === 0) return;
    const ids = [...new Set([...sinks].map((sink) => sink.device.id))];
    const { rows } = await sql.query<{ id: string }>('select id from devices where id = any($1) and revoked_at is not null', [ids]);
    const revoked = new Set(rows.map((row) => row.id));
    for (const sink of [...sinks]) if (revoked.has(sink.device.id)) sink.end();
  };
  let revokedCheck: NodeJS.Timeout | null = null;
  let checking: Promise<void> | null = null;

  return {
    async start() {
      await Promise.all([...tailers.values()].map((t) => t.start()));
      unsubscribe = notifier.subscribe((collection) => tailers.get(collection)?.poke());
      revokedCheck = setInterval(() => {
        checking ??= endRevokedStreams()
          .catch((error: unknown) => onError(error, undefined))
          .finally(() => {
            checking = null;
          });
      }, revokedCheckMs);
      revokedCheck.unref();
    },
    connect(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
    get size() {
      return sinks.size;
    },
    async idle() {
      // A notification is delivered in a microtask after commit: let it land first.
      await new Promise<void>((resolve) => setImmediate(resolve));
      await Promise.all([...tailers.values()].map((t) => t.idle()));
    },
    async stop() {
      unsubscribe?.();
      if (revokedCheck) clearInterval(revokedCheck);
      for (const tailer of tailers.values()) tailer.stop();
      for (const sink of [...sinks]) sink.end();
      sinks.clear();
      await Promise.all([...tailers.values()].map((t) => t.idle()));
      await checking;
    },
  };
}
