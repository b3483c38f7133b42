import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, jstDate } from '../../src/domain/ledger/index.ts';
import { memberHistorySchema, memberPointsSchema, mergeSchema, type MergeRecord, type PointEntryDraft } from '../../src/protocol/index.ts';
import { POINT_ENTRY_COLUMNS, pointEntryDocument } from '../../server/services/documents.ts';
import { sweepMergedRecords } from '../../server/services/identity/sweep.ts';
import { memberProjection } from '../../server/services/ledger.ts';
import { expectError, openApiHarness, type ApiHarness } from './helpers/api.ts';
import { earn, SHOP_A, SHOP_B } from './helpers/fixture.ts';
import { seedTestApprover, TEST_APPROVAL } from './helpers/staff.ts';
import { backendName } from './helpers/test-store.ts';

/**
 * 名寄せ merges and their undo through /api/v1, on the real ledger. The
 * history is posted in the past (days before the real clock, which the API's
 * merge reads), with lots of different expiries, some partly redeemed.
 */
const UNDO = { approval: TEST_APPROVAL };

describe(`名寄せ merge and undo (${backendName})`, () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await openApiHarness();
    await seedTestApprover(h);
  });
  afterAll(async () => {
    await h.close();
  });

  let serial = 0;
  /** A fresh member (own number), so each test starts from records no other test touched. */
  async function member(fields: Partial<Record<'name_kana' | 'phone' | 'email' | 'birthdate', string>> & { phone_verified?: boolean } = {}) {
    serial += 1;
    const id = `merge-member-${serial}`;
    const memberNo = `20000${String(serial).padStart(5, '0')}`;
    await h.sql.query(
      `insert into members (id, member_no, name, name_kana, phone, email, home_shop_id, updated_at, birthdate, phone_verified)
       values ($1, $2, $3, $4, $5, $6, $7, now(), $8::date, $9)`,
      [id, memberNo, `会員${serial}`, fields.name_kana ?? `カイイン${serial}`, fields.phone ?? '', fields.email ?? '', SHOP_A, fields.birthdate ?? null, fields.phone_verified ?? false],
    );
    return { id, memberNo };
  }

  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
  const inDays = (days: number) => addDays(jstDate(Date.now()), days);
  const entry = (memberId: string, overrides: Partial<PointEntryDraft>): PointEntryDraft => earn(0, { memberId, amountYen: 0, ...overrides });

  /** A history of several lots with different expiries, one partly redeemed, at two shops. */
  async function history(memberId: string, soonest: number) {
    const e1 = earn(500, { memberId, createdAt: daysAgo(40) });
    await h.postAt(daysAgo(40), [e1]);
    await h.postAt(daysAgo(30), [earn(200, { memberId, shopId: SHOP_B, expiresOn: inDays(soonest), createdAt: daysAgo(30) })]);
    await h.postAt(daysAgo(20), [entry(memberId, { type: 'migration', points: 300, expiresOn: inDays(soonest + 90), createdAt: daysAgo(20) })]);
    await h.postAt(daysAgo(10), [entry(memberId, { type: 'redeem', points: 250, createdAt: daysAgo(10) })]);
    await h.postAt(daysAgo(5), [earn(80, { memberId, expiresOn: inDays(soonest + 10), createdAt: daysAgo(5) })]);
  }

  /**
   * Everything a member's points are, except the merge's own transfer rows:
   * the account (balance, available, debt, lots by day, rank, flags), the
   * projected lots (remaining points, last usable day, state) and every
   * history row with its posting number.
   */
  async function snapshot(memberId: string) {
    const { rows: accounts } = await h.sql.query(
      `select balance, available, debt, lots, rank, flagged_entry_ids from point_accounts where member_id = $1`,
      [memberId],
    );
    const projection = await memberProjection(h.sql, memberId, new Date().toISOString());
    const lots = projection.lots
      .map((lot) => ({ remaining: lot.remaining, expiresOn: lot.expiresOn, state: lot.state }))
      .sort((a, b) => `${a.expiresOn}|${a.remaining}`.localeCompare(`${b.expiresOn}|${b.remaining}`));
    const { rows } = await h.sql.query(`select ${POINT_ENTRY_COLUMNS} from point_entries where member_id = $1 order by posting_no`, [memberId]);
    const entries = rows.map(pointEntryDocument);
    return {
      account: accounts[0],
      balance: projection.balance,
      available: projection.available,
      lots,
      history: entries.filter((e) => !e.ref.startsWith('merge:')),
      transferRows: entries.filter((e) => e.ref.startsWith('merge:')),
    };
  }

  let keys = 0;
  const merge = (survivorNo: string, mergedNo: string, idempotencyKey = `hq-merge-${String(++keys).padStart(4, '0')}`) =>
    h.call('POST', '/api/v1/merges', { idempotencyKey, survivorNo, mergedNo, approval: TEST_APPROVAL });
  const points = async (memberNo: string) => {
    const answer = await h.call('GET', `/api/v1/members/${memberNo}/points`);
    expect(answer.status, answer.text).toBe(200);
    return memberPointsSchema.extend({ mergedFromNo: memberPointsSchema.shape.memberNo.optional() }).parse(answer.body);
  };

  it('merge moves every lot with its expiry; undo returns every balance, lot and history row exactly', async () => {
    const survivor = await member();
    const merged = await member();
    await history(survivor.id, 20);
    await history(merged.id, 60);
    const before = { survivor: await snapshot(survivor.id), merged: await snapshot(merged.id) };
    expect(before.merged.lots.length).toBeGreaterThanOrEqual(3);

    const answer = await merge(survivor.memberNo, merged.memberNo);
    expect(answer.status, answer.text).toBe(201);
    const done = mergeSchema.parse(answer.body);
    expect(done.lots.map((l) => ({ remaining: l.points, expiresOn: l.expiresOn })).sort((a, b) => `${a.expiresOn}`.localeCompare(`${b.expiresOn}`))).toEqual(
      before.merged.lots.map((l) => ({ remaining: l.remaining, expiresOn: l.expiresOn })),
    );

    const during = { survivor: await snapshot(survivor.id), merged: await snapshot(merged.id) };
    expect(during.merged.balance).toBe(0);
    expect(during.merged.lots).toEqual([]);
    expect(during.survivor.balance).toBe(before.survivor.balance + before.merged.balance);
    // The survivor holds its own lots and the merged member's, each with its own last usable day.
    const expected = [...before.survivor.lots, ...before.merged.lots].map((l) => `${l.expiresOn}:${l.remaining}`).sort();
    expect(during.survivor.lots.map((l) => `${l.expiresOn}:${l.remaining}`).sort()).toEqual(expected);
    // Paired transfers: one out and one in per lot, with the same points.
    expect(during.merged.transferRows.map((e) => [e.type, e.points])).toEqual(done.lots.map((l) => ['transfer_out', l.points]));
    expect(during.survivor.transferRows.map((e) => [e.type, e.points, e.expiresOn])).toEqual(done.lots.map((l) => ['transfer_in', l.points, l.expiresOn]));
    // History rows are untouched by the merge.
    expect(during.survivor.history).toEqual(before.survivor.history);
    expect(during.merged.history).toEqual(before.merged.history);
    // The old number resolves to the survivor.
    const old = await h.call('GET', `/api/v1/members/${merged.memberNo}`);
    expect(old.body).toMatchObject({ id: survivor.id, memberNo: survivor.memberNo, mergedFromNo: merged.memberNo });
    expect(await points(merged.memberNo)).toMatchObject({ memberNo: survivor.memberNo, balance: during.survivor.balance, mergedFromNo: merged.memberNo });

    // History is re-pointed: the survivor's lists the merged record's entries too (each on its own record).
    const historyOf = async (memberNo: string) => memberHistorySchema.parse((await h.call('GET', `/api/v1/members/${memberNo}/history?limit=500`)).body);
    const joined = await historyOf(survivor.memberNo);
    expect(joined.memberNos).toEqual([survivor.memberNo, merged.memberNo]);
    const ids = (rows: readonly { id: string }[]) => rows.map((row) => row.id).sort();
    expect(ids(joined.entries)).toEqual(ids([...during.survivor.history, ...during.survivor.transferRows, ...during.merged.history, ...during.merged.transferRows]));
    expect(joined.entries.reduce((sum, e) => sum + e.points, 0)).toBe(during.survivor.balance);
    expect(await historyOf(merged.memberNo)).toEqual({ ...joined, mergedFromNo: merged.memberNo });

    const undo = await h.call('POST', `/api/v1/merges/${done.id}/undo`, UNDO);
    expect(undo.status, undo.text).toBe(200);
    const undone = mergeSchema.parse(undo.body);
    expect(undone.undoShortfall).toBe(0);
    expect(undone.undoneAt).not.toBeNull();

    const after = { survivor: await snapshot(survivor.id), merged: await snapshot(merged.id) };
    for (const side of ['survivor', 'merged'] as const) {
      // Exactly as before, the merge's and the undo's own transfer rows aside (they stay: the ledger is append-only).
      expect(after[side].account).toEqual(before[side].account);
      expect(after[side].balance).toBe(before[side].balance);
      expect(after[side].available).toBe(before[side].available);
      expect(after[side].lots).toEqual(before[side].lots);
      expect(after[side].history).toEqual(before[side].history);
    }
    expect(after.merged.transferRows.map((e) => e.type)).toEqual([...done.lots.map(() => 'transfer_out'), ...done.lots.map(() => 'transfer_in')]);
    expect((await h.call('GET', `/api/v1/members/${merged.memberNo}`)).body).toMatchObject({ id: merged.id, mergedInto: '' });
    expect((await historyOf(survivor.memberNo)).memberNos).toEqual([survivor.memberNo]);
    // An undone pair is "not the same person" from now on, and undoing again changes nothing.
    const again = await h.call('POST', `/api/v1/merges/${done.id}/undo`, UNDO);
    expect(again.status).toBe(200);
    expect(again.text).toBe(undo.text);
    expect(await snapshot(merged.id)).toEqual(after.merged);
  });

  it('refused merges are 409 with a stable code and change nothing', async () => {
    const a = await member();
    const b = await member();
    const c = await member();
    await history(b.id, 30);
    expect((await merge(a.memberNo, b.memberNo)).status).toBe(201);
    const counts = async () => ({
      entries: await h.count('point_entries'),
      merges: Number((await h.sql.query<{ n: number }>('select count(*)::int as n from member_merges')).rows[0]?.n),
      members: (await h.sql.query('select id, merged_into, updated_at from members order by id')).rows,
    });
    const before = await counts();
    expectError(await merge(c.memberNo, c.memberNo), 409, 'merge-same-member');
    expectError(await merge(b.memberNo, c.memberNo), 409, 'member-already-merged');
    expectError(await merge(c.memberNo, b.memberNo), 409, 'member-already-merged');
    expectError(await merge(c.memberNo, '2999999999'), 422, 'unknown-member');
    expect(await counts()).toEqual(before);
  });

  it('a retried merge answers 200 with the same body; the key with other members is 409', async () => {
    const a = await member();
    const b = await member();
    const c = await member();
    await history(b.id, 30);
    const first = await merge(a.memberNo, b.memberNo, 'hq-retry-0001');
    expect(first.status, first.text).toBe(201);
    const entries = await h.count('point_entries');
    const replay = await merge(a.memberNo, b.memberNo, 'hq-retry-0001');
    expect(replay.status).toBe(200);
    expect(replay.text).toBe(first.text);
    expectError(await merge(a.memberNo, c.memberNo, 'hq-retry-0001'), 409, 'idempotency-conflict');
    expect(await h.count('point_entries')).toBe(entries);
  });

  it('undo after the survivor spent merged points gives back what is left and reports the shortfall', async () => {
    const survivor = await member();
    const merged = await member();
    await history(merged.id, 30);
    const mergedBalance = (await snapshot(merged.id)).balance;
    const done = mergeSchema.parse((await merge(survivor.memberNo, merged.memberNo)).body);
    // The survivor had no points of its own: this redemption can only spend merged points.
    const spent = await h.call('POST', '/api/v1/point-entries', { idempotencyKey: 'ec-spend-merged-0001', memberNo: merged.memberNo, type: 'redeem', points: 100, channel: 'ec', ref: 'EC-1' });
    expect(spent.status, spent.text).toBe(201);
    expect(spent.body).toMatchObject({ memberNo: survivor.memberNo });
    const undone: MergeRecord = mergeSchema.parse((await h.call('POST', `/api/v1/merges/${done.id}/undo`, UNDO)).body);
    expect(undone.undoShortfall).toBe(100);
    expect((await snapshot(merged.id)).balance).toBe(mergedBalance - 100);
    const survivorAfter = await snapshot(survivor.id);
    expect(survivorAfter.balance).toBe(0);
    expect(survivorAfter.lots).toEqual([]);
  });

  it('an undo is refused while the survivor is itself merged into a third member', async () => {
    const a = await member();
    const b = await member();
    const c = await member();
    await history(a.id, 30);
    const first = mergeSchema.parse((await merge(b.memberNo, a.memberNo)).body);
    const second = mergeSchema.parse((await merge(c.memberNo, b.memberNo)).body);
    // a's number follows the chain to c.
    expect((await h.call('GET', `/api/v1/members/${a.memberNo}`)).body).toMatchObject({ id: c.id, mergedFromNo: a.memberNo });
    expectError(await h.call('POST', `/api/v1/merges/${first.id}/undo`, UNDO), 409, 'merge-undo-blocked');
    // Undone in reverse order, a gets its points back with their expiries (through b's round trip).
    const before = await snapshot(c.id);
    expect((await h.call('POST', `/api/v1/merges/${second.id}/undo`, UNDO)).status).toBe(200);
    const undone = mergeSchema.parse((await h.call('POST', `/api/v1/merges/${first.id}/undo`, UNDO)).body);
    expect(undone.undoShortfall).toBe(0);
    expect((await snapshot(a.id)).lots.map((l) => l.expiresOn)).toEqual(before.lots.map((l) => l.expiresOn));
    expect((await snapshot(b.id)).balance).toBe(0);
  });

  it('points posted on a merged record after the merge are swept to the survivor; the undo takes them back too', async () => {
    const survivor = await member();
    const merged = await member();
    await history(merged.id, 30);
    const before = await snapshot(merged.id);
    const done = mergeSchema.parse((await merge(survivor.memberNo, merged.memberNo)).body);
    // A tablet that earned offline on the old number syncs after the merge: the entry lands on the merged record.
    await h.postAt(new Date().toISOString(), [earn(70, { memberId: merged.id, expiresOn: inDays(45) })]);
    expect((await snapshot(merged.id)).balance).toBe(70);

    expect(await sweepMergedRecords(h)).toBe(1);
    expect(await sweepMergedRecords(h)).toBe(0);
    expect((await snapshot(merged.id)).balance).toBe(0);
    const survivorLots = (await snapshot(survivor.id)).lots;
    expect(survivorLots).toContainEqual({ remaining: 70, expiresOn: inDays(45), state: 'available' });
    expect(survivorLots.reduce((sum, lot) => sum + lot.remaining, 0)).toBe(before.balance + 70);

    const undone = mergeSchema.parse((await h.call('POST', `/api/v1/merges/${done.id}/undo`, UNDO)).body);
    expect(undone.lots).toHaveLength(done.lots.length + 1);
    expect(undone.undoShortfall).toBe(0);
    const after = await snapshot(merged.id);
    expect(after.balance).toBe(before.balance + 70);
    expect(after.lots).toContainEqual({ remaining: 70, expiresOn: inDays(45), state: 'available' });
    expect((await snapshot(survivor.id)).balance).toBe(0);
  });

  it('an EC retry that straddles a merge is still a retry (200, same body), not a conflict', async () => {
    const a = await member();
    const b = await member();
    const request = { idempotencyKey: 'ec-before-merge-0001', memberNo: b.memberNo, type: 'earn', points: 30, channel: 'ec', ref: 'EC-9', amountYen: 3000 };
    const first = await h.call('POST', '/api/v1/point-entries', request);
    expect(first.status, first.text).toBe(201);
    expect((await merge(a.memberNo, b.memberNo)).status).toBe(201);
    const retry = await h.call('POST', '/api/v1/point-entries', request);
    expect(retry.status, retry.text).toBe(200);
    expect((await points(a.memberNo)).balance).toBe(30);
  });

  it('lists merges by member number', async () => {
    const a = await member();
    const b = await member();
    const done = mergeSchema.parse((await merge(a.memberNo, b.memberNo)).body);
    const answer = await h.call('GET', `/api/v1/merges?memberNo=${b.memberNo}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ merges: [done] });
  });

  it('bad input is 4xx with a stable code and writes nothing', async () => {
    const merges = async () => Number((await h.sql.query<{ n: number }>('select count(*)::int as n from member_merges')).rows[0]?.n);
    const count = await merges();
    expectError(await h.call('GET', '/api/v1/identity/candidates?band=maybe'), 400, 'invalid-request');
    expectError(await h.call('GET', '/api/v1/merges?memberNo=12'), 400, 'invalid-request');
    expectError(await h.call('POST', '/api/v1/merges', { idempotencyKey: 'hq-bad-0001', survivorNo: '1', mergedNo: '2000000001', approval: TEST_APPROVAL }), 422, 'unprocessable');
    expectError(await h.call('POST', '/api/v1/merges', { survivorNo: '2000000001', mergedNo: '2000000002', approval: TEST_APPROVAL }), 422, 'unprocessable');
    expectError(await h.call('POST', '/api/v1/merges', '{not json'), 400, 'invalid-request');
    expectError(await h.call('POST', '/api/v1/merges/not-a-merge/undo', UNDO), 400, 'invalid-request');
    expectError(await h.call('POST', `/api/v1/merges/${crypto.randomUUID()}/undo`, UNDO), 404, 'not-found');
    expectError(await h.call('POST', '/api/v1/identity/dismissals', { memberNoA: '2000000001', memberNoB: '2000000001' }), 422, 'unprocessable');
    expectError(await h.call('POST', '/api/v1/merges', { idempotencyKey: 'hq-bad-0002', survivorNo: '2000000001', mergedNo: '2000000002' }, {}), 401, 'unauthorized');
    expect(await merges()).toBe(count);
  });
});
