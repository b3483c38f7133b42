import { randomUUID } from 'node:crypto';
import { COLLECTION_NAMES, isCollectionName, type CollectionName } from '../../src/protocol/index.ts';
import type { Queryable } from '../store/sql.ts';
import type { ChangeListener, ChangeNotifier } from './notifier.ts';
import { openPgListener, type PgListenerOptions } from './pg-listener.ts';

/** The one channel every instance of a Tenpo database listens on. */
export const CHANGES_CHANNEL = 'tenpo_changes';
/** application_name of the listening connection in pg_stat_activity. */
export const LISTENER_APPLICATION_NAME = 'tenpo-listen';

export interface PgNotifierOptions {
  connectionString: string;
  /** Sends the NOTIFYs: the store's pool, so a publish never queues behind the listening connection. */
  publisher: Queryable;
  onError: (error: unknown) => void;
  channel?: string;
  retry?: PgListenerOptions['retry'];
  pingMs?: number;
}

export interface PgChangeNotifier extends ChangeNotifier {
  /** Backend process id of the listening connection; null while it reconnects. */
  readonly listenerPid: number | null;
}

/**
 * The ChangeNotifier of several instances on one PostgreSQL database. A
 * publish reaches this instance's listeners at once, in process, and the
 * others through NOTIFY on one channel; the payload is `<origin> <collection>,…`
 * (names only, far below NOTIFY's 8,000-byte limit), and an instance ignores
 * its own echo. Since a notification is only a nudge to read the database,
 * the two faults that remain are harmless: a nudge heard twice costs one
 * query; nudges lost while the listening connection was down are made up by
 * nudging every collection once it is back.
 */
export async function openPgNotifier(options: PgNotifierOptions): Promise<PgChangeNotifier> {
  const channel = options.channel ?? CHANGES_CHANNEL;
  const origin = randomUUID();
  const listeners = new Set<ChangeListener>();
  const deliver = (collections: Iterable<CollectionName>): void => {
    for (const collection of collections) for (const listener of listeners) listener(collection);
  };

  const listener = await openPgListener({
    connectionString: options.connectionString,
    channel,
    applicationName: LISTENER_APPLICATION_NAME,
    onNotification: (payload) => {
      const [from, names = ''] = payload.split(' ');
      if (from === origin) return;
      deliver(names.split(',').filter(isCollectionName));
    },
    onReconnected: () => deliver(COLLECTION_NAMES),
    onError: options.onError,
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.pingMs ? { pingMs: options.pingMs } : {}),
  });

  const outbox = createOutbox({
    send: (collections) => options.publisher.query('select pg_notify($1, $2)', [channel, `${origin} ${collections.join(',')}`]),
    onError: options.onError,
    retryMs: options.retry?.maxMs ?? 1000,
  });

  return {
    get listenerPid() {
      return listener.pid;
    },
    publish(collections) {
      // Local streams do not wait for the database round trip.
      queueMicrotask(() => deliver(collections));
      outbox.add(collections);
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    async close() {
      await outbox.close();
      await listener.close();
      listeners.clear();
    },
  };
}

interface Outbox {
  add(collections: readonly CollectionName[]): void;
  /** Sends what is pending one last time, then stops. */
  close(): Promise<void>;
}

/**
 * Collections waiting to be announced to the other instances. Publishes in
 * the same turn share one NOTIFY (a busy push endpoint must not double its
 * round trips), and a NOTIFY that fails is sent again later: the set is never
 * larger than the number of collections, however long the database is away.
 */
function createOutbox(options: {
  send: (collections: CollectionName[]) => Promise<unknown>;
  onError: (error: unknown) => void;
  retryMs: number;
}): Outbox {
  const pending = new Set<CollectionName>();
  let cancelScheduled: (() => void) | null = null;
  let sending: Promise<void> | null = null;
  let closed = false;

  const schedule = (delayMs: number): void => {
    if (delayMs === 0) {
      const immediate = setImmediate(send);
      cancelScheduled = () => clearImmediate(immediate);
    } else {
      const timer = setTimeout(send, delayMs).unref();
      cancelScheduled = () => clearTimeout(timer);
    }
  };
  // One NOTIFY in flight at a time; what arrives meanwhile goes out in the next one.
  const kick = (): void => {
    if (!closed && !cancelScheduled && !sending && pending.size > 0) schedule(0);
  };
  function send(): void {
    cancelScheduled = null;
    const collections = [...pending];
    pending.clear();
    sending = options.send(collections).then(
      () => {
        sending = null;
        kick();
      },
      (error: unknown) => {
        sending = null;
        options.onError(error);
        for (const collection of collections) pending.add(collection);
        if (!closed) schedule(options.retryMs);
      },
    );
  }

  return {
    add(collections) {
      for (const collection of collections) pending.add(collection);
      kick();
    },
    async close() {
      closed = true;
      cancelScheduled?.();
      cancelScheduled = null;
      await sending;
      if (pending.size > 0) await options.send([...pending]).catch(options.onError);
      pending.clear();
    },
  };
}
