import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PointEntry, PullResponse } from '../../src/protocol/index.ts';
import { COLLECTION_NAMES, STREAM_RESYNC_EVENT } from '../../src/protocol/index.ts';
import type { Queryable, Sql } from '../../server/store/sql.ts';
import { openHarness, type Harness } from './helpers/harness.ts';
import { earn, MEMBER_1 } from './helpers/fixture.ts';
import { openSse, type SseClient } from './helpers/sse-client.ts';
import { backendName, openTestStore } from './helpers/test-store.ts';

/** Counts the change reads (pull and tailers share one query shape). */
function countingSql(sql: Sql): Sql & { changeReads: () => number } {
  let reads = 0;
  const count = (text: string) => {
    if (/where \(seq, /.test(text)) reads += 1;
  };
  const wrap = (q: Queryable): Queryable => ({
    query: (text, params) => {
      count(text);
      return q.query(text, params);
    },
    exec: (script) => q.exec(script),
  });
  return { ...sql, ...wrap(sql), transaction: (fn) => sql.transaction((tx) => fn(wrap(tx))), changeReads: () => reads };
}

describe(`GET /sync/v1/stream (${backendName})`, () => {
  let h: Harness;
  let sql: ReturnType<typeof countingSql>;
  let base: string;
  const open: SseClient[] = [];

  beforeAll(async () => {
    sql = countingSql(await openTestStore());
    h = await openHarness({ sql, heartbeatMs: 50 });
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const client of open) client.close();
    await h.close();
  });

  const connect = async (token: string): Promise<SseClient> => {
    const client = await openSse(`${base}/sync/v1/stream`, { authorization: `Bearer ${token}` });
    open.push(client);
    return client;
  };

  it('starts every connection with resync naming all collections, as an event stream', async () => {
    const client = await connect(h.device.token);
    expect(client.status).toBe(200);
    expect(client.headers['content-type']).toMatch(/^text\/event-stream/);
    const first = await client.waitFor(() => true);
    expect(first).toEqual({ event: STREAM_RESYNC_EVENT, data: JSON.stringify(COLLECTION_NAMES) });
    client.close();
  });

  it("delivers client A's push to client B, with a checkpoint B can pull from", async () => {
    const tabletB = await h.enrol('tablet B');
    const b = await connect(tabletB.token);
    await b.waitFor((e) => e.event === STREAM_RESYNC_EVENT);

    const entry = earn(77);
    const res = await h.app.inject({ method: 'POST', url: '/sync/v1/point_entries/push', headers: h.headers, payload: [{ newDocumentState: entry }] });
    expect(res.json()).toEqual([expect.objectContaining({ id: entry.id, postingNo: expect.any(Number) as number })]);

    const entries = JSON.parse((await b.waitFor((e) => e.event === 'point_entries')).data) as PullResponse<PointEntry>;
    expect(entries.documents).toEqual([expect.objectContaining({ ...entry, _deleted: false, postingNo: expect.any(Number) as number })]);
    const account = JSON.parse((await b.waitFor((e) => e.event === 'point_accounts')).data) as PullResponse;
    expect(account.documents).toEqual([expect.objectContaining({ id: MEMBER_1.id, balance: 77 })]);

    // The stream's checkpoint is a pull checkpoint: nothing is newer than it.
    const { seq, id } = entries.checkpoint ?? { seq: -1, id: '' };
    const pull = await h.app.inject({ url: `/sync/v1/point_entries/pull?seq=${seq}&id=${id}`, headers: h.headers });
    expect(pull.json<PullResponse>().documents).toEqual([]);
    b.close();
  });

  it('reads each change once for all streams, not once per connection', async () => {
    const clients = await Promise.all(Array.from({ length: 5 }, () => connect(h.device.token)));
    await Promise.all(clients.map((c) => c.waitFor((e) => e.event === STREAM_RESYNC_EVENT)));
    await h.hub.idle();
    const before = sql.changeReads();

    await h.app.inject({ method: 'POST', url: '/sync/v1/point_entries/push', headers: h.headers, payload: [{ newDocumentState: earn(1) }, { newDocumentState: earn(2) }] });
    await Promise.all(clients.map((c) => c.waitFor((e) => e.event === 'point_accounts')));
    await h.hub.idle();
    // One read each of point_entries, point_accounts and members (a posting may bring
    // its member into a shop's scope, migration 0014), whatever the number of streams.
    expect(sql.changeReads() - before).toBe(3);
    for (const c of clients) c.close();
  });

  it('loses nothing when many writers commit at once (commit order is seq order)', async () => {
    const watcher = await connect(h.device.token);
    await watcher.waitFor((e) => e.event === STREAM_RESYNC_EVENT);
    const drafts = Array.from({ length: 20 }, (_, i) => earn(i + 1));
    const results = await Promise.all(
      drafts.map((draft) =>
        h.app.inject({ method: 'POST', url: '/sync/v1/point_entries/push', headers: h.headers, payload: [{ newDocumentState: draft }] }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(drafts.map(() => 200));

    const seen = new Set<string>();
    const wanted = new Set(drafts.map((d) => d.id));
    await watcher.waitFor((e) => {
      if (e.event !== 'point_entries') return false;
      for (const doc of (JSON.parse(e.data) as PullResponse<PointEntry>).documents) seen.add(doc.id);
      return [...wanted].every((id) => seen.has(id));
    });

    // Pulled in seq order, the posting numbers rise: the server posts in commit order.
    const all = await h.app.inject({ url: '/sync/v1/point_entries/pull?limit=5000', headers: h.headers });
    const postingNos = all.json<PullResponse<PointEntry>>().documents.map((d) => Number(d.postingNo));
    expect(postingNos).toEqual([...postingNos].sort((a, b) => a - b));
    watcher.close();
  });

  it('sends heartbeat comments and forgets a stream when it closes', async () => {
    const client = await connect(h.device.token);
    await client.waitForComments(2);
    const size = h.hub.size;
    client.close();
    await client.closed;
    await expect.poll(() => h.hub.size).toBe(size - 1);
  });

  it('ends open streams when the server closes', async () => {
    const other = await openHarness({ sql: countingSql(await openTestStore()) });
    await other.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (other.app.server.address() as AddressInfo).port;
    const client = await openSse(`http://127.0.0.1:${port}/sync/v1/stream`, { authorization: `Bearer ${other.device.token}` });
    await client.waitFor((e) => e.event === STREAM_RESYNC_EVENT);
    await other.close();
    await client.closed;
  });
});
