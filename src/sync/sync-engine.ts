import type { RxCollection } from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { BehaviorSubject, Subject, combineLatest, type Subscription } from 'rxjs';
import { SCHEMAS, checkLocalData, getDatabase, noteFilled, observeUnsent, type Enrolment } from '../db/index.ts';
import {
  COLLECTION_NAMES,
  SYNC_COLLECTIONS,
  PROTOCOL_VERSION,
  STREAM_RESYNC_EVENT,
  isCollectionName,
  type Checkpoint,
  type CollectionName,
} from '../protocol/index.ts';
import { createCollectionFeed, type CollectionFeed, type StreamItem } from './collection-feed.ts';
import { startEventStream, type EventStream } from './event-stream.ts';
import { replicateCollection, type ReplicationReporter } from './replicate-collection.ts';
import { createContactRecorder } from './server-contact.ts';
import type { SseEvent } from './sse-parser.ts';
import { failureOf, isTransient, needsAttention, reportedByHandler } from './sync-failure.ts';
import {
  reportActive,
  reportFailure,
  reportOnline,
  reportPending,
  reportStream,
  reportSynced,
} from './sync-status-store.ts';
import { createStatusReporter, postStatusReport, STATUS_REFRESH_MS, statusReportOf } from './status-report.ts';
import { createHttpTransport } from './transport.ts';
import { wipeRevokedDevice } from './wipe-revoked-device.ts';

interface Engine {
  key: string;
  reSync(): void;
  stop(): Promise<void>;
}

/**
 * One sync engine per page, like the database: started once the tablet is
 * enrolled and kept for the page's life. StrictMode's mount/unmount/mount must
 * not cancel and re-create replications with the same identifier while the
 * first cancel is still running.
 */
let engine: Engine | null = null;

export function startSync(enrolment: Enrolment): void {
  const key = `${enrolment.deviceId}:${enrolment.token}`;
  if (engine?.key === key) return;
  void engine?.stop();
  engine = createEngine(enrolment, key);
}

/** Pull every collection from its checkpoint now (something suggests we missed events). */
export function reSync(): void {
  engine?.reSync();
}

export async function stopSync(): Promise<void> {
  const stopping = engine;
  engine = null;
  await stopping?.stop();
}

function createEngine(enrolment: Enrolment, key: string): Engine {
  const transport = createHttpTransport({ token: enrolment.token });
  const subjects = new Map(COLLECTION_NAMES.map((name) => [name, new Subject<StreamItem>()]));
  const feeds = new Map<CollectionName, CollectionFeed>();
  const replications: RxReplicationState<unknown, Checkpoint>[] = [];
  const subscriptions: Subscription[] = [];
  let stream: EventStream | null = null;
  let stopped = false;
  let revoked = false;
  const recordContact = createContactRecorder();
  // What this tablet has not sent, for HQ's device list; re-sent on contact when it changed or grew old.
  const status = createStatusReporter((report) => postStatusReport({ token: enrolment.token }, report));
  function contacted(): void {
    recordContact();
    status.flush();
  }
  // A tablet fed by the stream alone may not pull for hours: the refresh doubles as HQ's "still on" signal.
  const statusRefresh = setInterval(() => {
    if (navigator.onLine) status.flush();
  }, STATUS_REFRESH_MS);

  function reSyncAll(): void {
    for (const feed of feeds.values()) feed.resync();
  }

  /**
   * 401 on any sync call means the server no longer knows this token: the
   * device was revoked (or never existed there). Handled once per engine;
   * the wipe ends in a reload.
   */
  function onFailure(error: unknown): void {
    if (revoked || failureOf(error) !== 'unauthorized') return;
    revoked = true;
    void wipeRevokedDevice(stopSync);
  }

  const reporter: ReplicationReporter = {
    pulled(collection) {
      reportFailure(collection, undefined);
      reportSynced();
      contacted();
    },
    pushed(collection) {
      reportFailure(collection, undefined);
      contacted();
    },
    failed(collection, error) {
      const failure = failureOf(error);
      if (!isTransient(failure)) console.warn(`sync ${collection}:`, error);
      reportFailure(collection, failure);
      onFailure(error);
    },
  };

  const ready = getDatabase().then(async (db) => {
    if (stopped) return;
    const local = await checkLocalData(db, COLLECTION_NAMES);
    if (local.missing.length > 0) console.warn('local data missing, pulling again:', local.missing.join(', '));
    if (stopped) return;
    for (const name of COLLECTION_NAMES) {
      const subject = subjects.get(name);
      if (!subject) continue;
      const replication = replicateCollection({
        name,
        // Each collection has its own document type; the replication code is the
        // same for all of them and never looks inside a document.
        collection: db[name] as unknown as RxCollection<unknown>,
        transport,
        stream$: subject.asObservable(),
        identifier: replicationIdentifier(name, enrolment.deviceId, local.generations[name]),
        reporter,
      });
      replications.push(replication);
      feeds.set(
        name,
        createCollectionFeed({
          subject,
          initialReplication: replication.awaitInitialReplication(),
          active$: replication.active$,
          onBatch: () => reportSynced(),
        }),
      );
      // Busy until the first full pull is in: RxDB's active$ starts false,
      // and a fresh tablet must not claim "synced" before it has any data.
      const initialDone = new BehaviorSubject(false);
      replication.awaitInitialReplication().then(
        () => {
          initialDone.next(true);
          noteFilled(db, name).catch((error: unknown) => console.warn(`could not note ${name} as filled`, error));
        },
        () => undefined,
      );
      subscriptions.push(
        combineLatest([replication.active$, initialDone]).subscribe(([active, done]) => reportActive(name, active || !done)),
      );
      subscriptions.push(
        replication.error$.subscribe((error) => {
          // Handler failures were already reported (and are routine offline);
          // log only what the handlers never saw, e.g. a failed local write of pulled data.
          if (!reportedByHandler(error)) console.warn(`replication ${name}:`, error);
        }),
      );
    }
    subscriptions.push(
      observeUnsent(enrolment.deviceId).subscribe((unsent) => {
        reportPending(unsent);
        status.note(statusReportOf(unsent));
      }),
    );
    // The stream opens once every replication listens, so no batch is dropped
    // on the floor. App start needs no reSync() of its own: each replication's
    // first run pulls from its stored checkpoint.
    stream = startEventStream({
      open: (signal) => transport.openStream(signal),
      onEvent: (event) => routeStreamEvent(event, { feeds, reSyncAll }),
      onState: (state, error) => {
        reportStream(state, error === undefined ? undefined : failureOf(error));
        // The server accepted the token and answered: that is a contact for the offline lease.
        if (state === 'open') contacted();
        if (error !== undefined) onFailure(error);
      },
      isOnline: () => navigator.onLine,
      isHopeless: (error) => needsAttention(failureOf(error)),
    });
  }).catch((error: unknown) => {
    // The app shows the storage error itself (useEnrolment); nothing to sync.
    console.error('sync could not start', error);
  });

  // iPad Safari has no Background Sync: the page itself resumes syncing when it
  // gets the network back or comes back on screen.
  const onOnline = (): void => {
    reportOnline(true);
    stream?.nudge();
    reSyncAll();
  };
  const onOffline = (): void => {
    reportOnline(false);
    stream?.drop();
  };
  const onVisibility = (): void => {
    if (document.visibilityState !== 'visible') return;
    reportOnline(navigator.onLine);
    stream?.nudge();
    reSyncAll();
  };
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  document.addEventListener('visibilitychange', onVisibility);
  reportOnline(navigator.onLine);

  return {
    key,
    reSync: reSyncAll,
    async stop() {
      stopped = true;
      clearInterval(statusRefresh);
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      document.removeEventListener('visibilitychange', onVisibility);
      await ready;
      stream?.close();
      for (const feed of feeds.values()) feed.close();
      for (const subscription of subscriptions) subscription.unsubscribe();
      await Promise.all(replications.map((replication) => replication.cancel()));
    },
  };
}

/**
 * Unique per device and protocol version: a new enrolment starts from an
 * empty checkpoint. A read-only collection's identifier also changes with its
 * local schema version, so a schema that gained fields (point_accounts v1:
 * available, lots, rank…) is pulled again from the start instead of keeping
 * migrated stand-ins until the server happens to touch each document. Only
 * read-only ones: a new identifier on a pushed collection would push every
 * local document again — except for a collection whose local data went
 * missing (generation, db/local-data-check.ts): it is empty, nothing to push.
 */
export function replicationIdentifier(name: CollectionName, deviceId: string, generation = 0): string {
  const version = SCHEMAS[name].version;
  const schemaPart = SYNC_COLLECTIONS[name].kind === 'read-only' && version > 0 ? `-s${version}` : '';
  // A collection found missing is pulled again from the start (db/local-data-check.ts).
  const generationPart = generation > 0 ? `-g${generation}` : '';
  return `tenpo-${name}-p${PROTOCOL_VERSION}${schemaPart}${generationPart}-${deviceId}`;
}

interface StreamRouting {
  feeds: Map<CollectionName, CollectionFeed>;
  reSyncAll: () => void;
}

/** `resync` → every replication pulls from its checkpoint; `<collection>` → that collection's batch. */
function routeStreamEvent(event: SseEvent, routing: StreamRouting): void {
  if (event.event === STREAM_RESYNC_EVENT) {
    routing.reSyncAll();
    return;
  }
  // Unknown event names are ignored: a newer server may stream more collections.
  if (!isCollectionName(event.event)) return;
  routing.feeds.get(event.event)?.batch(event.data);
}
