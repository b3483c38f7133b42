import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedPoints } from '../../src/domain/points.ts';
import type { PointEntry, PointEntryDraft } from '../../src/protocol/index.ts';
import { pointEntrySchema } from '../../src/protocol/index.ts';
import { openHarness, type Harness } from './helpers/harness.ts';
import { earn, MEMBER_1, MEMBER_2 } from './helpers/fixture.ts';
import { backendName } from './helpers/test-store.ts';

describe(`push point_entries: append-only (${backendName})`, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const push = async (docs: object[], assumed: object | null = null) => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/sync/v1/point_entries/push',
      headers: h.headers,
      payload: docs.map((newDocumentState) => ({ assumedMasterState: assumed, newDocumentState })),
    });
    return { status: res.statusCode, body: res.json<unknown>() };
  };
  const stored = async (id: string): Promise<PointEntry[]> => {
    const res = await h.app.inject({ url: '/sync/v1/point_entries/pull?limit=5000', headers: h.headers });
    return res.json<{ documents: PointEntry[] }>().documents.filter((d) => d.id === id);
  };
  const balanceOf = async (memberId: string) => {
    const { rows } = await h.sql.query<{ balance: number; posted_through: number }>(
      'select balance, posted_through from point_accounts where member_id = $1',
      [memberId],
    );
    return rows[0] ?? null;
  };

  it('posts a new entry with the next posting number and the server time, and answers with the posted entry', async () => {
    const entry = earn(120);
    const answer = await push([entry]);
    const [posted] = await stored(entry.id);
    // The answer hands the tablet its posting number at once (see pushEntries).
    expect(answer).toEqual({ status: 200, body: [posted] });
    expect(posted).toMatchObject({ ...entry, _deleted: false });
    expect(pointEntrySchema.parse(posted).postingNo).toBeGreaterThan(0);
    expect(Date.parse(posted?.postedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect(await balanceOf(MEMBER_1.id)).toEqual({ balance: 120, posted_through: posted?.postingNo });
  });

  it('posts a retried entry once: same id, same content is a no-op, even with server fields echoed back', async () => {
    const before = (await balanceOf(MEMBER_1.id))?.balance ?? 0;
    const entry = earn(30);
    await push([entry]);
    const [first] = await stored(entry.id);
    expect(await push([entry])).toEqual({ status: 200, body: [first] });
    expect(await push([{ ...first, _deleted: false }])).toEqual({ status: 200, body: [first] });
    // The same instant written with the tablet's +09:00 offset is still the same entry.
    const jst = new Date(Date.parse(entry.createdAt) + 9 * 3600_000).toISOString().replace('Z', '+09:00');
    expect(await push([{ ...entry, createdAt: jst }])).toEqual({ status: 200, body: [first] });

    expect(await stored(entry.id)).toEqual([first]);
    expect((await balanceOf(MEMBER_1.id))?.balance).toBe(before + 30);
  });

  it('answers the same id with other content as a conflict carrying the stored entry', async () => {
    const entry = earn(10);
    await push([entry]);
    const [original] = await stored(entry.id);
    const before = await balanceOf(MEMBER_1.id);
    const { status, body } = await push([{ ...entry, points: 9999 }]);
    expect(status).toBe(200);
    expect(body).toEqual([original]);
    expect(await balanceOf(MEMBER_1.id)).toEqual(before);
  });

  it('posts a batch in order, a duplicate inside the batch once, and answers the conflict with the stored entry', async () => {
    const a = earn(1, { memberId: MEMBER_2.id });
    const b = earn(2, { memberId: MEMBER_2.id });
    const { body } = await push([a, b, a, { ...b, points: 3 }]);
    const [storedA] = await stored(a.id);
    const [storedB] = await stored(b.id);
    expect(storedB?.points).toBe(2);
    expect(body).toEqual([storedA, storedB, storedA, storedB]);
    expect(Number(storedB?.postingNo)).toBe(Number(storedA?.postingNo) + 1);
  });

  it('refuses to delete a posted entry: the stored entry comes back as a conflict', async () => {
    const entry = earn(5);
    await push([entry]);
    const [posted] = await stored(entry.id);
    expect((await push([{ ...entry, _deleted: true }])).body).toEqual([posted]);
    expect(await stored(entry.id)).toEqual([posted]);
  });

  it('refuses an entry for an unknown member with 400 and writes nothing of the batch', async () => {
    const good = earn(7);
    const orphan = earn(7, { memberId: 'nobody' });
    const { status, body } = await push([good, orphan]);
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'invalid-request', details: { unknownMemberIds: ['nobody'] } });
    expect(await stored(good.id)).toEqual([]);
  });

  it('refuses a batch with a malformed entry with 400 naming it, and writes nothing', async () => {
    const good = earn(4);
    const bad: Record<string, unknown> = { ...earn(4), points: -4, type: 'gift' };
    const { status, body } = await push([good, bad]);
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'invalid-request', details: [{ index: 1 }] });
    const paths = (body as { details: { issues: { path: string }[] }[] }).details[0]?.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['points', 'type']));
    expect(await stored(good.id)).toEqual([]);
  });

  it('keeps point_accounts equal to the ledger: sum of signed points, through the highest posting number', async () => {
    const redeem: PointEntryDraft = { ...earn(25), type: 'redeem', amountYen: 0 };
    await push([redeem, earn(11, { memberId: MEMBER_2.id })]);
    const res = await h.app.inject({ url: '/sync/v1/point_entries/pull?limit=5000', headers: h.headers });
    const entries = res.json<{ documents: PointEntry[] }>().documents;
    for (const member of [MEMBER_1, MEMBER_2]) {
      const own = entries.filter((e) => e.memberId === member.id);
      const ledger = own.reduce((sum, e) => sum + signedPoints(e), 0);
      const through = Math.max(...own.map((e) => Number(e.postingNo)));
      expect(await balanceOf(member.id)).toEqual({ balance: ledger, posted_through: through });
    }
  });
});
