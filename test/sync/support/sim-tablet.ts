import type { RxCollection } from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { Subject, type Subscription } from 'rxjs';
import { loadEnrolment, openTenpoDatabase, saveEnrolment, type Enrolment, type TenpoDatabase } from '../../../src/db/index.ts';
import { COLLECTION_NAMES, type Checkpoint, type CollectionName } from '../../../src/protocol/index.ts';
import { createCollectionFeed, type CollectionFeed, type StreamItem } from '../../../src/sync/collection-feed.ts';
import { replicateCollection, type ReplicationReporter } from '../../../src/sync/replicate-collection.ts';
import { replicationIdentifier } from '../../../src/sync/sync-engine.ts';
import { failureOf, isTransient } from '../../../src/sync/sync-failure.ts';
import { createHttpTransport } from '../../../src/sync/transport.ts';
import type { StreamHub } from '../../../server/fanout/hub.ts';
import type { Device } from '../../../server/services/devices.ts';
import { asTablet } from './active-tablet.ts';
import type { FaultyNetwork } from './faulty-network.ts';
import type { TestClock } from './test-clock.ts';

export interface SimTabletOptions {
  name: string;
  baseUrl: string;
  enrolmentCode: string;
  hub: StreamHub;
  /** The server's view of a token (what its stream route would resolve). */
  deviceOf: (token: string) => Promise<Device>;
  network: FaultyNetwork;
  clock: TestClock;
  /** Unique per run: memory storage is shared by name across the process. */
  databaseName: string;
}

/**
 * One tablet: its own RxDB database (memory storage, which outlives a closed
 * database like IndexedDB outlives a page), the real replication of every
 * collection it has, over the real HTTP transport behind the faulty network,
 * and its share of the server's change stream.
 *
 * The stream: the tablet is connected in-process to the server's real stream
 * hub (the fan-out behind GET /sync/v1/stream), without the SSE text layer,
 * and only while online. Each collection's events go through the app's own
 * collection feed (src/sync/collection-feed.ts): batches to the replication's
 * stream$, and on every (re)connect a resync, as sync-engine.ts routes the
 * stream's `<collection>` and `resync` events.
 */
export interface SimTablet {
  readonly name: string;
  /** The current database (a restart opens it again). */
  readonly db: TenpoDatabase;
  readonly enrolment: Enrolment;
  /** Runs one of the app's named operations on this tablet's database. */
  run<T>(operation: () => Promise<T>): Promise<T>;
  goOnline(): Promise<void>;
  goOffline(): void;
  /** The stream connection breaks and comes back at once (a NAT timeout): batches in between are lost. */
  streamBlip(): Promise<void>;
  /** The page reloads (iPadOS evicts it, the clerk pulls to refresh): requests in flight are abandoned, storage stays. */
  restart(): Promise<void>;
  /** Every replication is idle, or waiting for something only the scenario can release. */
  quiet(): boolean;
  /** Every replication has nothing left to do (RxDB's awaitInSync). */
  awaitInSync(): Promise<void>;
  /** Where each replication stands, for a stuck simulation's report. */
  describe(): string;
  /** Failures no network fault explains: a refused push, a pulled document the local schema rejects… */
  readonly unexpected: string[];
  close(): Promise<void>;
}

/** One page life: the replications and stream wiring a reload throws away. */
interface Session {
  collections: CollectionName[];
  replications: RxReplicationState<unknown, Checkpoint>[];
  feeds: Map<CollectionName, CollectionFeed>;
  active: Map<CollectionName, boolean>;
  subscriptions: Subscription[];
}

/** What the ledger simulation replicates: two tablets of these fit under RxDB's 13 open collections (COL23). */
const LEDGER_COLLECTIONS = ['members', 'point_entries', 'point_accounts', 'settings'] as const;

export async function openSimTablet(options: SimTabletOptions): Promise<SimTablet> {
  const { name, network, clock, hub } = options;
  const open = (): Promise<TenpoDatabase> => openTenpoDatabase({ name: options.databaseName, storage: getRxStorageMemory(), collections: LEDGER_COLLECTIONS });
  let db = await open();
  const response = await createHttpTransport({ baseUrl: options.baseUrl, token: null }).enrol({
    code: options.enrolmentCode,
    deviceName: name,
  });
  const enrolment: Enrolment = { ...response, deviceName: name, enrolledAt: new Date().toISOString() };
  await asTablet(db, () => saveEnrolment(enrolment));
  const device = await options.deviceOf(enrolment.token);
  const transport = network.link(name, createHttpTransport({ baseUrl: options.baseUrl, token: enrolment.token }));

  const unexpected: string[] = [];
  const reporter: ReplicationReporter = {
    pulled: () => undefined,
    pushed: () => undefined,
    failed(collection, error) {
      if (!isTransient(failureOf(error))) unexpected.push(`${name} ${collection}: ${String(error)}`);
    },
  };
  const owner = (collection: CollectionName): string => `${name}/${collection}`;
  const ownedHere = (who: string): boolean => who.startsWith(`${name}/`);

  function boot(): Session {
    const session: Session = {
      // Only the collections this tablet's database has (the wire may know more).
      collections: COLLECTION_NAMES.filter((collection) => collection in db.collections),
      replications: [],
      feeds: new Map(),
      active: new Map(),
      subscriptions: [],
    };
    for (const collectionName of session.collections) {
      const collection = db.collections[collectionName] as unknown as RxCollection<unknown>;
      // RxDB waits `retryTime` after a failed request (awaitRetry → collection.promiseWait):
      // on the test clock instead, so a retry happens when the scenario ticks
      // past it or the tablet comes back online, as a browser's `online` event does.
      (collection as unknown as { promiseWait: (ms: number) => Promise<void> }).promiseWait = (ms) =>
        clock.wait(owner(collectionName), ms);
      const subject = new Subject<StreamItem>();
      const replication = replicateCollection({
        name: collectionName,
        collection,
        transport,
        stream$: subject.asObservable(),
        identifier: replicationIdentifier(collectionName, enrolment.deviceId),
        reporter,
      });
      session.replications.push(replication);
      session.feeds.set(
        collectionName,
        createCollectionFeed({ subject, initialReplication: replication.awaitInitialReplication(), active$: replication.active$ }),
      );
      session.subscriptions.push(
        replication.active$.subscribe((value) => session.active.set(collectionName, value)),
        replication.error$.subscribe((error) => {
          // Handler failures went through the reporter; anything else (a pulled
          // document the local schema refuses, a failed local write) is a bug.
          if (!('direction' in error.parameters && 'errors' in error.parameters)) {
            unexpected.push(`${name} ${collectionName}: ${error.message}`);
          }
        }),
      );
    }
    return session;
  }

  // Enrolled at the counter with the network up: the first pulls go through.
  network.setOnline(name, true);
  let session = boot();
  let disconnect: (() => void) | null = null;

  function connectStream(): void {
    disconnect?.();
    disconnect = hub.connect({
      device,
      // Unknown collections are ignored, as the app does: a newer server may stream more.
      send: (collection, data) => session.feeds.get(collection)?.batch(data),
      end: () => {
        disconnect?.();
        disconnect = null;
      },
    });
    // The stream's `resync` event on every (re)connect.
    for (const feed of session.feeds.values()) feed.resync();
  }

  function disconnectStream(): void {
    disconnect?.();
    disconnect = null;
  }

  async function shutdown(): Promise<void> {
    disconnectStream();
    // A reload abandons requests in flight; the server may still receive them.
    network.abandon(name);
    for (const feed of session.feeds.values()) feed.close();
    for (const subscription of session.subscriptions) subscription.unsubscribe();
    const cancelled = Promise.all(session.replications.map((replication) => replication.cancel()));
    // Retry waits end at once; the cancelled replications then stop.
    clock.wake(ownedHere);
    await cancelled;
  }

  connectStream();

  return {
    name,
    get db() {
      return db;
    },
    enrolment,
    run: (operation) => asTablet(db, operation),
    async goOnline() {
      if (network.isOnline(name)) return;
      network.setOnline(name, true);
      clock.wake(ownedHere);
      connectStream();
      await Promise.resolve();
    },
    goOffline() {
      network.setOnline(name, false);
      disconnectStream();
    },
    async streamBlip() {
      if (!network.isOnline(name)) return;
      disconnectStream();
      await new Promise<void>((resolve) => setImmediate(resolve));
      connectStream();
    },
    async restart() {
      await shutdown();
      await db.close();
      db = await open();
      // The app finds its enrolment in the database it reopened, or it is broken.
      const stored = await asTablet(db, () => loadEnrolment());
      if (stored?.deviceId !== enrolment.deviceId) unexpected.push(`${name}: enrolment lost on restart`);
      session = boot();
      if (network.isOnline(name)) connectStream();
    },
    quiet() {
      return session.collections.every(
        (collection) =>
          session.active.get(collection) !== true ||
          clock.pending((who) => who === owner(collection)) > 0 ||
          network.waitingOnHeld(name, collection) > 0,
      );
    },
    async awaitInSync() {
      await Promise.all(session.replications.map((replication) => replication.awaitInSync()));
    },
    describe() {
      return session.collections
        .map((collection, i) => {
          const replication = session.replications[i];
          const internal = replication?.internalReplicationState;
          const done = internal ? `first sync down=${String(internal.firstSyncDone.down.getValue())} up=${String(internal.firstSyncDone.up.getValue())}` : 'not started';
          return `${name}/${collection}: active=${String(session.active.get(collection))} stopped=${String(replication?.isStopped())} ${done}`;
        })
        .join('\n');
    },
    unexpected,
    async close() {
      await shutdown();
      await db.remove();
    },
  };
}
