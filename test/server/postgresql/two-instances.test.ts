import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type EnrolResponse, PROTOCOL_HEADER, PROTOCOL_VERSION, type PointEntryDraft, type PullResponse, STREAM_RESYNC_EVENT } from '../../../src/protocol/index.ts';
import { LISTENER_APPLICATION_NAME } from '../../../server/fanout/pg-notifier.ts';
import { startTenpo, type RunningTenpo } from '../../../server/start.ts';
import { SYNC_WRITE_LOCK } from '../../../server/store/locks.ts';
import { openStore } from '../../../server/store/open-store.ts';
import type { Sql } from '../../../server/store/sql.ts';
import { createEnrolmentCode, earn, MEMBER_1, SHOP_A, seedFixture } from '../helpers/fixture.ts';
import { openSse, type SseClient } from '../helpers/sse-client.ts';
import { openTcpProxy } from '../helpers/tcp-proxy.ts';
import { startTenpoProcess } from '../helpers/tenpo-instance.ts';
import { createThrowawayDatabase, requireTestDatabaseUrl, type ThrowawayDatabase } from '../helpers/test-store.ts';

/** How long a change may take to reach a tablet on another instance: liveness, not latency (that is a benchmark). */
const LIVENESS_MS = 10_000;
const API_KEY = 'tnp_api_two_instances_0001';
const CODE = 'TWO-INST-ANCE';

// Scale-out on PostgreSQL: instances share one database, with no sticky
// sessions, and hear each other's writes through LISTEN/NOTIFY.
describe('two server instances on one PostgreSQL database', () => {
  let database: ThrowawayDatabase;
  let sql: Sql;
  let a: RunningTenpo;
  let b: RunningTenpo;

  beforeAll(async () => {
    database = await createThrowawayDatabase(requireTestDatabaseUrl());
    sql = await openStore({ databaseUrl: database.url });
    await seedFixture(sql);
    await createEnrolmentCode(sql, SHOP_A, CODE);
    const start = () =>
      startTenpo({
        port: 0,
        host: '127.0.0.1',
        databaseUrl: database.url,
        apiKey: API_KEY,
        demo: false,
        logger: false,
        dailyJob: false,
        rateLimits: false,
        staticDir: '/nonexistent-tenpo-dist',
      });
    [a, b] = await Promise.all([start(), start()]);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await sql.close();
    await database.drop();
  });

  it('a tablet streaming from one instance sees points pushed through the other, both ways', async () => {
    const onA = await enrol(a.url, 'レジA');
    const onB = await enrol(b.url, 'レジB');
    const streamB = await openStream(b.url, onB);
    const streamA = await openStream(a.url, onA);
    try {
      const before = await balance();
      const viaA = earn(40, { deviceId: onA.deviceId });
      expect((await push(a.url, onA, [viaA])).status).toBe(200);
      await waitForEntry(streamB, viaA.id);
      await waitForBalance(streamB, before + 40);

      const viaB = earn(2, { deviceId: onB.deviceId });
      expect((await push(b.url, onB, [viaB])).status).toBe(200);
      await waitForEntry(streamA, viaB.id);
      await waitForBalance(streamA, before + 42);
    } finally {
      streamA.close();
      streamB.close();
    }
  });

  it('keeps fanning out after the database cuts the listening connections', async () => {
    const tablet = await enrol(b.url, 'レジB2');
    const stream = await openStream(b.url, tablet);
    try {
      const listening = await listenerPids();
      expect(listening).toHaveLength(2);
      await admin((client) => client.query('select pg_terminate_backend(pid) from unnest($1::int[]) as pid', [listening]));

      // Written while B may not be listening yet: the nudge after reconnecting delivers it.
      const during = earn(3, { deviceId: tablet.deviceId });
      expect((await push(a.url, tablet, [during])).status).toBe(200);
      await waitForEntry(stream, during.id);

      // Both instances listen again on new connections…
      await vi.waitFor(
        async () => {
          const now = await listenerPids();
          expect(now).toHaveLength(2);
          for (const pid of now) expect(listening).not.toContain(pid);
        },
        { timeout: LIVENESS_MS, interval: 50 },
      );
      // …and a later change reaches B through them.
      const after = earn(4, { deviceId: tablet.deviceId });
      expect((await push(a.url, tablet, [after])).status).toBe(200);
      await waitForEntry(stream, after.id);
    } finally {
      stream.close();
    }
  });

  it('a device revoked through one instance loses its stream on the other', async () => {
    const lost = await enrol(b.url, '紛失する端末');
    const stream = await openStream(b.url, lost);
    const kept = await openStream(b.url, await enrol(b.url, 'レジB3'));
    // In another process: revocation listeners are per process, and A shares this one with B.
    const hq = await startTenpoProcess(database.url, API_KEY);
    try {
      const revoked = await fetch(`${hq.url}/api/v1/devices/${lost.deviceId}/revoke`, { method: 'POST', headers: { authorization: `Bearer ${API_KEY}` } });
      expect(revoked.status).toBe(200);
      await within(LIVENESS_MS, stream.closed, 'the revoked device\'s stream to end');
      expect((await openSse(`${b.url}/sync/v1/stream`, tabletHeaders(lost))).status).toBe(401);
      // Only that device's stream: the shop's other tablet keeps hearing changes.
      const entry = earn(5, { deviceId: lost.deviceId });
      expect((await push(a.url, await enrol(a.url, 'レジA2'), [entry])).status).toBe(200);
      await waitForEntry(kept, entry.id);
    } finally {
      stream.close();
      kept.close();
      await hq.kill();
    }
  });

  it('an instance killed mid-push, before its commit, loses nothing: the retry through the other posts each entry once', async () => {
    const tablet = await enrol(b.url, 'レジK1');
    const batch = entries(tablet, 20);
    const before = await balance();
    const doomed = await startTenpoProcess(database.url, API_KEY);
    const blocker = new pg.Client({ connectionString: database.url });
    await blocker.connect();
    try {
      // Hold the sync write lock, so the push is certainly inside its transaction when the instance dies.
      await blocker.query('begin');
      await blocker.query('select pg_advisory_xact_lock($1)', [SYNC_WRITE_LOCK]);
      const lost = push(doomed.url, tablet, batch).then(
        (res) => `answered ${res.status}`,
        () => 'cut',
      );
      await vi.waitFor(async () => expect(await advisoryWaiters()).toBe(1), { timeout: LIVENESS_MS, interval: 20 });
      await doomed.kill();
      expect(await lost).toBe('cut');
      await blocker.query('commit');
      // Its transaction died with its connection.
      await vi.waitFor(async () => expect(await advisoryWaiters()).toBe(0), { timeout: LIVENESS_MS, interval: 20 });
      expect(await stored(batch)).toBe(0);

      await expectRetryPostsOnce(tablet, batch, before);
    } finally {
      await blocker.end();
      await doomed.kill();
    }
  });

  it('an instance killed after its commit but before its answer duplicates nothing: the retry through the other is a no-op', async () => {
    const tablet = await enrol(b.url, 'レジK2');
    const batch = entries(tablet, 20);
    const before = await balance();
    const doomed = await startTenpoProcess(database.url, API_KEY);
    let killing: Promise<void> | undefined;
    // The first byte of the answer exists only after the commit: kill the instance there and lose the answer.
    const proxy = await openTcpProxy({
      targetPort: Number(new URL(doomed.url).port),
      onReply: () => {
        killing ??= doomed.kill();
        return false;
      },
    });
    try {
      const lost = await fetch(`http://127.0.0.1:${proxy.port}/sync/v1/point_entries/push`, pushRequest(tablet, batch)).then(
        (res) => `answered ${res.status}`,
        () => 'cut',
      );
      expect(lost).toBe('cut');
      await killing;
      expect(await stored(batch)).toBe(batch.length);

      await expectRetryPostsOnce(tablet, batch, before);
    } finally {
      await proxy.close();
      await doomed.kill();
    }
  });

  /** The tablet retries the same batch (same ids) through B; afterwards every entry exists once and the balance counts each once. */
  async function expectRetryPostsOnce(tablet: EnrolResponse, batch: PointEntryDraft[], before: number): Promise<void> {
    const retry = await push(b.url, tablet, batch);
    expect(retry.status).toBe(200);
    const answered = (await retry.json()) as { id: string }[];
    expect(answered.map((doc) => doc.id).sort()).toEqual(batch.map((entry) => entry.id).sort());
    expect(await stored(batch)).toBe(batch.length);
    const { rows } = await sql.query<{ n: number }>('select count(distinct posting_no)::int as n from point_entries where id = any($1)', [
      batch.map((entry) => entry.id),
    ]);
    expect(rows[0]?.n).toBe(batch.length);
    expect(await balance()).toBe(before + batch.reduce((sum, entry) => sum + entry.points, 0));
  }

  function entries(tablet: EnrolResponse, count: number): PointEntryDraft[] {
    return Array.from({ length: count }, (_, i) => earn(i + 1, { deviceId: tablet.deviceId }));
  }

  async function stored(batch: PointEntryDraft[]): Promise<number> {
    const { rows } = await sql.query<{ n: number }>('select count(*)::int as n from point_entries where id = any($1)', [batch.map((entry) => entry.id)]);
    return rows[0]?.n ?? 0;
  }

  async function balance(): Promise<number> {
    const { rows } = await sql.query<{ balance: number }>('select balance from point_accounts where member_id = $1', [MEMBER_1.id]);
    return rows[0]?.balance ?? 0;
  }

  async function listenerPids(): Promise<number[]> {
    const { rows } = await sql.query<{ pid: number }>(
      'select pid from pg_stat_activity where datname = current_database() and application_name = $1 order by pid',
      [LISTENER_APPLICATION_NAME],
    );
    return rows.map((row) => row.pid);
  }

  async function advisoryWaiters(): Promise<number> {
    const { rows } = await sql.query<{ n: number }>(
      `select count(*)::int as n from pg_locks l join pg_database d on d.oid = l.database
        where d.datname = current_database() and l.locktype = 'advisory' and not l.granted`,
    );
    return rows[0]?.n ?? 0;
  }

  async function admin(fn: (client: pg.Client) => Promise<unknown>): Promise<void> {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await fn(client);
    } finally {
      await client.end();
    }
  }
});

function tabletHeaders(tablet: EnrolResponse): Record<string, string> {
  return { authorization: `Bearer ${tablet.token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
}

async function enrol(url: string, deviceName: string): Promise<EnrolResponse> {
  const res = await fetch(`${url}/sync/v1/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: CODE, deviceName }),
  });
  if (res.status !== 200) throw new Error(`enrol failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as EnrolResponse;
}

function pushRequest(tablet: EnrolResponse, batch: PointEntryDraft[]): RequestInit {
  return {
    method: 'POST',
    headers: { ...tabletHeaders(tablet), 'content-type': 'application/json' },
    body: JSON.stringify(batch.map((newDocumentState) => ({ assumedMasterState: null, newDocumentState }))),
  };
}

function push(url: string, tablet: EnrolResponse, batch: PointEntryDraft[]): Promise<Response> {
  return fetch(`${url}/sync/v1/point_entries/push`, pushRequest(tablet, batch));
}

async function openStream(url: string, tablet: EnrolResponse): Promise<SseClient> {
  const stream = await openSse(`${url}/sync/v1/stream`, tabletHeaders(tablet));
  expect(stream.status).toBe(200);
  // Subscribed once the resync event is out (see stream-route.ts).
  await stream.waitFor((event) => event.event === STREAM_RESYNC_EVENT);
  return stream;
}

function documentsOf(data: string): { id: string; balance?: number }[] {
  return (JSON.parse(data) as PullResponse<{ id: string; balance?: number }>).documents;
}

async function waitForEntry(stream: SseClient, id: string): Promise<void> {
  await stream.waitFor((event) => event.event === 'point_entries' && documentsOf(event.data).some((doc) => doc.id === id), LIVENESS_MS);
}

async function waitForBalance(stream: SseClient, balance: number): Promise<void> {
  await stream.waitFor(
    (event) => event.event === 'point_accounts' && documentsOf(event.data).some((doc) => doc.id === MEMBER_1.id && doc.balance === balance),
    LIVENESS_MS,
  );
}

async function within(ms: number, promise: Promise<void>, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
