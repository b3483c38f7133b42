import type { RxCollection } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { Subject } from 'rxjs';
import { openTenpoDatabase, type TenpoCollections } from '../../src/db/index.ts';
import { STREAM_RESYNC_EVENT } from '../../src/protocol/index.ts';
import { createCollectionFeed, type StreamItem } from '../../src/sync/collection-feed.ts';
import { startEventStream } from '../../src/sync/event-stream.ts';
import { replicateCollection } from '../../src/sync/replicate-collection.ts';
import { createHttpTransport } from '../../src/sync/transport.ts';

export interface NodeTablet<N extends keyof TenpoCollections> {
  collection: TenpoCollections[N];
  close(): Promise<void>;
}

/**
 * A tablet in Node: an RxDB database (memory storage) replicating one
 * collection with the app's own replication, collection feed and SSE stream
 * code over HTTP — what src/sync/sync-engine.ts does per collection, without
 * the page's window and status store.
 */
export async function openNodeTablet<N extends keyof TenpoCollections>(baseUrl: string, token: string, name: N): Promise<NodeTablet<N>> {
  const db = await openTenpoDatabase({ name: `bench-${crypto.randomUUID()}`, storage: getRxStorageMemory(), collections: [name] });
  const transport = createHttpTransport({ baseUrl, token });
  const subject = new Subject<StreamItem>();
  const replication = replicateCollection({
    name,
    collection: db[name] as unknown as RxCollection<unknown>,
    transport,
    stream$: subject.asObservable(),
    identifier: `bench-${name}-${token.slice(-8)}`,
    reporter: {
      pulled: () => undefined,
      pushed: () => undefined,
      failed: (_collection, error) => console.warn('bench tablet replication:', error),
    },
  });
  const feed = createCollectionFeed({ subject, initialReplication: replication.awaitInitialReplication(), active$: replication.active$ });
  await replication.awaitInitialReplication();
  const stream = startEventStream({
    open: (signal) => transport.openStream(signal),
    onEvent: (event) => {
      if (event.event === STREAM_RESYNC_EVENT) feed.resync();
      else if (event.event === name) feed.batch(event.data);
    },
    onState: () => undefined,
    isOnline: () => true,
    isHopeless: () => false,
  });
  return {
    collection: db[name],
    async close() {
      stream.close();
      feed.close();
      await replication.cancel();
      await db.remove();
    },
  };
}
