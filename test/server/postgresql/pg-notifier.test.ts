import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { COLLECTION_NAMES, type CollectionName } from '../../../src/protocol/index.ts';
import { CHANGES_CHANNEL, openPgNotifier, type PgChangeNotifier } from '../../../server/fanout/pg-notifier.ts';
import { openPg } from '../../../server/store/pg-driver.ts';
import type { Sql } from '../../../server/store/sql.ts';
import { openTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.ts';
import { createThrowawayDatabase, requireTestDatabaseUrl, type ThrowawayDatabase } from '../helpers/test-store.ts';

// The LISTEN/NOTIFY notifier on its own: two "instances" in one process, each
// with its own pool and listening connection, as two servers would have.
describe('PostgreSQL change notifier', () => {
  let database: ThrowawayDatabase;
  let admin: pg.Client;
  const opened: { notifier: PgChangeNotifier; pool: Sql }[] = [];
  const proxies: TcpProxy[] = [];

  beforeAll(async () => {
    database = await createThrowawayDatabase(requireTestDatabaseUrl());
    admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
  });
  afterEach(async () => {
    for (const { notifier, pool } of opened.splice(0)) {
      await notifier.close();
      await pool.close();
    }
    for (const proxy of proxies.splice(0)) await proxy.close();
  });
  afterAll(async () => {
    await admin.end();
    await database.drop();
  });

  /** A notifier and what its one listener heard, in order. */
  async function instance(url = database.url) {
    const pool = openPg(url, { max: 2 });
    const notifier = await openPgNotifier({ connectionString: url, publisher: pool, onError: () => undefined, retry: { firstMs: 50, maxMs: 200 } });
    opened.push({ notifier, pool });
    const heard: CollectionName[] = [];
    notifier.subscribe((collection) => heard.push(collection));
    return { notifier, heard, count: (collection: CollectionName) => heard.filter((c) => c === collection).length };
  }

  /** A URL to the same database through a proxy the test can take down. */
  async function proxiedUrl(): Promise<{ url: string; proxy: TcpProxy }> {
    const target = new URL(database.url);
    const proxy = await openTcpProxy({ targetPort: Number(target.port || 5432), targetHost: target.hostname });
    proxies.push(proxy);
    const url = new URL(database.url);
    url.port = String(proxy.port);
    return { url: url.toString(), proxy };
  }

  it('delivers a publish to its own listeners at once and to the other instance through NOTIFY, once each', async () => {
    const a = await instance();
    const b = await instance();
    a.notifier.publish(['point_entries', 'point_accounts']);
    // In process: heard before any database round trip could have come back.
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(a.heard).toEqual(['point_entries', 'point_accounts']);

    await vi.waitFor(() => expect(b.heard).toEqual(['point_entries', 'point_accounts']), { timeout: 5000 });
    // One connection delivers in commit order: once A hears B's marker, A's own echo has come and gone.
    b.notifier.publish(['orders']);
    await vi.waitFor(() => expect(a.count('orders')).toBe(1), { timeout: 5000 });
    expect(a.count('point_entries')).toBe(1);
    expect(b.count('orders')).toBe(1);
  });

  it('sends one NOTIFY for the publishes of one turn, and ignores payloads it does not understand', async () => {
    const raw = new pg.Client({ connectionString: database.url });
    await raw.connect();
    const payloads: string[] = [];
    raw.on('notification', (message) => payloads.push(message.payload ?? ''));
    await raw.query(`listen ${CHANGES_CHANNEL}`);
    try {
      const a = await instance();
      const b = await instance();
      a.notifier.publish(['members']);
      a.notifier.publish(['stock', 'members']);
      await vi.waitFor(() => expect(b.heard).toEqual(['members', 'stock']), { timeout: 5000 });

      await admin.query('select pg_notify($1, $2)', [CHANGES_CHANNEL, 'someone-else not_a_collection,,']);
      await admin.query('select pg_notify($1, $2)', [CHANGES_CHANNEL, 'garbage']);
      await admin.query('select pg_notify($1, $2)', [CHANGES_CHANNEL, 'someone-else settings']);
      await vi.waitFor(() => expect(b.heard).toEqual(['members', 'stock', 'settings']), { timeout: 5000 });
      // Delivered in commit order: once the last one is here, a second NOTIFY from A would be too.
      await vi.waitFor(() => expect(payloads.at(-1)).toBe('someone-else settings'), { timeout: 5000 });
      expect(payloads).toHaveLength(4);
      expect(payloads[0]).toMatch(/^\S+ (members,stock|stock,members)$/);
    } finally {
      await raw.end();
    }
  });

  it('reconnects after its backend is terminated and nudges every collection for what it may have missed', async () => {
    const a = await instance();
    const b = await instance();
    const before = b.notifier.listenerPid;
    expect(before).not.toBeNull();

    await admin.query('select pg_terminate_backend($1)', [before]);
    await vi.waitFor(
      () => {
        expect(b.notifier.listenerPid).not.toBeNull();
        expect(b.notifier.listenerPid).not.toBe(before);
      },
      { timeout: 10_000, interval: 20 },
    );
    await vi.waitFor(() => expect(new Set(b.heard)).toEqual(new Set(COLLECTION_NAMES)), { timeout: 5000 });

    // And it listens again: a later publish arrives as a notification, not as part of the nudge.
    const nudged = b.count('orders');
    a.notifier.publish(['orders']);
    await vi.waitFor(() => expect(b.count('orders')).toBe(nudged + 1), { timeout: 5000 });
  });

  it('survives the database being unreachable for a while: it retries with backoff, and publishes made meanwhile still arrive', async () => {
    const { url, proxy } = await proxiedUrl();
    const cut = await instance(url);
    const direct = await instance();

    proxy.down();
    await vi.waitFor(() => expect(cut.notifier.listenerPid).toBeNull(), { timeout: 5000 });
    // Committed just before the outage, announced during it: the outbox keeps it until the database answers.
    cut.notifier.publish(['stock_summaries']);
    // It keeps trying (backoff up to 200 ms here) and nothing leaks past the outage.
    await vi.waitFor(() => expect(proxy.refused).toBeGreaterThanOrEqual(4), { timeout: 10_000, interval: 20 });
    expect(cut.notifier.listenerPid).toBeNull();
    expect(direct.count('stock_summaries')).toBe(0);

    // Once it is back, the listener reconnects and the pending NOTIFY goes out.
    const nudged = cut.count('locations');
    proxy.up();
    await vi.waitFor(() => expect(cut.notifier.listenerPid).not.toBeNull(), { timeout: 10_000 });
    await vi.waitFor(() => expect(direct.count('stock_summaries')).toBe(1), { timeout: 10_000 });
    await vi.waitFor(() => expect(cut.count('locations')).toBe(nudged + 1), { timeout: 5000 });
    expect(new Set(cut.heard)).toEqual(new Set(COLLECTION_NAMES));
    direct.notifier.publish(['locations']);
    await vi.waitFor(() => expect(cut.count('locations')).toBe(nudged + 2), { timeout: 5000 });
  });
});
