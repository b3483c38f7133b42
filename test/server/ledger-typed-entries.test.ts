import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedPoints } from '../../src/domain/points.ts';
import type { PointEntryDraft } from '../../src/protocol/index.ts';
import { pointEntrySchema } from '../../src/protocol/index.ts';
import { MEMBER_1, MEMBER_2, SHOP_B } from './helpers/fixture.ts';
import { draft, jst, later, openLedger, type LedgerHarness } from './helpers/ledger.ts';
import { backendName } from './helpers/test-store.ts';

describe(`typed ledger entries (${backendName})`, () => {
  let h: LedgerHarness;
  beforeAll(async () => {
    h = await openLedger();
  });
  afterAll(async () => {
    await h.close();
  });

  const T = jst('2026-03-02 11:00');
  const earn = draft('earn', 500, T, {
    amountYen: 50_000,
    staffId: 'staff-7',
    ref: 'R-a-000001',
    line: '2',
    rule: '500 pt × rank regular 1 = 500 pt',
    campaignId: 'spring',
  });
  const migration = draft('migration', 300, T, { ref: 'PAPER-000123', expiresOn: '2026-12-31', channel: 'store', shopId: SHOP_B });
  // Every type with the fields of its type, in posting order.
  const table: { name: string; entry: PointEntryDraft }[] = [
    { name: 'earn (staff, receipt line, rule, campaign)', entry: earn },
    { name: 'redeem made offline', entry: draft('redeem', 100, T, { offline: true }) },
    { name: 'adjust credit with its own expiry', entry: draft('adjust', 50, T, { direction: 'credit', expiresOn: '2026-09-30', deviceId: 'hq' }) },
    { name: 'adjust debit', entry: draft('adjust', 20, T, { direction: 'debit', deviceId: 'hq' }) },
    { name: 'migration of a paper card', entry: migration },
    { name: 'transfer in', entry: draft('transfer_in', 40, T, { expiresOn: '2026-10-31' }) },
    { name: 'transfer out', entry: draft('transfer_out', 10, T) },
    {
      name: 'reversal of part of an earn',
      entry: draft('reversal', 50, T, { reverses: earn.id, reversesType: 'earn', amountYen: 5_000, ref: 'R-a-000001' }),
    },
    {
      name: 'expire of a lot',
      entry: draft('expire', 300, T, { lotId: migration.id, expiresOn: '2026-12-31', deviceId: 'server', ref: '' }),
    },
  ];

  it('posts each type with its own fields, and the server adds posting number, times and no flags', async () => {
    const postedAt = later(T, 1 / 24);
    const outcomes = await h.post(table.map((row) => row.entry), postedAt);
    expect(outcomes.map((o) => o.kind)).toEqual(table.map(() => 'posted'));
    for (const [i, { name, entry }] of table.entries()) {
      const stored = await h.entry(entry.id);
      expect(stored, name).toEqual({ ...entry, postingNo: outcomes[i]?.entry.postingNo, postedAt, at: entry.createdAt });
      expect(pointEntrySchema.parse(stored), name).toEqual(stored);
    }
    const numbers = outcomes.map((o) => Number(o.entry.postingNo));
    expect(numbers).toEqual(numbers.map((_, i) => (numbers[0] ?? 0) + i));
  });

  it('leaves fields a type does not have out of the document rather than null', async () => {
    const stored = await h.entry(table[1]?.entry.id ?? '');
    expect(Object.keys(stored ?? {}).sort()).toEqual(
      ['id', 'memberId', 'type', 'points', 'amountYen', 'channel', 'shopId', 'deviceId', 'staffId', 'ref', 'offline', 'createdAt', 'postingNo', 'postedAt', 'at'].sort(),
    );
  });

  it('keeps the account the projection of all of them', async () => {
    const balance = table.reduce((sum, { entry }) => sum + signedPoints(entry), 0);
    expect(balance).toBe(500 - 100 + 50 - 20 + 300 + 40 - 10 - 50 - 300);
    const account = await h.account();
    expect(account).toMatchObject({ memberId: MEMBER_1.id, balance, debt: 0, flaggedEntryIds: [], rank: 'regular' });
    // Σ lots − debt = balance.
    expect(account?.lots.reduce((sum, lot) => sum + lot.points, 0)).toBe(balance);
    expect(account?.lots.map((l) => l.expiresOn)).toEqual([...(account?.lots.map((l) => l.expiresOn) ?? [])].sort());
  });

  it('dates an entry at the writer time, but never after posting', async () => {
    const postedAt = jst('2026-03-03 12:00');
    const past = draft('earn', 5, jst('2026-03-01 09:00'));
    const future = draft('earn', 5, jst('2027-01-01 09:00'));
    await h.post([past, future], postedAt);
    expect((await h.entry(past.id))?.at).toBe(past.createdAt);
    expect((await h.entry(future.id))?.at).toBe(postedAt);
  });

  it('answers a retry with every field the same as a duplicate, and any writer field changed as a conflict', async () => {
    const entry = draft('earn', 12, T, { ref: 'R-a-000777', line: '1', staffId: 's1' });
    const [first] = await h.post([entry], T);
    const changes: Partial<PointEntryDraft>[] = [{ ref: 'R-a-000778' }, { line: '2' }, { staffId: 's2' }, { offline: true }, { campaignId: 'x' }];
    for (const change of changes) {
      const [again] = await h.post([{ ...entry, ...change }], T);
      expect(again, JSON.stringify(change)).toEqual({ kind: 'conflict', entry: first?.entry });
    }
    // offline: false and absent both mean "online".
    expect((await h.post([{ ...entry, offline: false }], T))[0]?.kind).toBe('duplicate');
    expect((await h.post([entry], later(T, 3)))[0]).toEqual({ kind: 'duplicate', entry: first?.entry });
  });

  it('refuses invalid drafts naming the row, and writes nothing of the batch', async () => {
    const good = draft('earn', 3, T);
    const cases: Record<string, unknown>[] = [
      { ...draft('reversal', 3, T) },
      { ...draft('adjust', 3, T) },
      { ...draft('expire', 3, T) },
      { ...draft('redeem', 0, T) },
    ];
    for (const bad of cases) {
      await expect(h.post([good, bad as PointEntryDraft], T), String(bad.type)).rejects.toMatchObject({
        code: 'invalid-request',
        details: [{ index: 1 }],
      });
    }
    expect(await h.entry(good.id)).toBeUndefined();
  });

  it('refuses a reversal of another member entry, or of a type it is not', async () => {
    const other = draft('earn', 10, T, { memberId: MEMBER_2.id });
    await h.post([other], T);
    const stealing = draft('reversal', 10, T, { reverses: other.id, reversesType: 'earn' });
    await expect(h.post([stealing], T)).rejects.toMatchObject({ code: 'invalid-request', details: [{ index: 0, id: stealing.id }] });
    const mine = draft('earn', 10, T);
    const wrongType = draft('reversal', 10, T, { reverses: mine.id, reversesType: 'redeem' });
    await expect(h.post([mine, wrongType], T)).rejects.toMatchObject({ details: [{ index: 1 }] });
    expect(await h.entry(mine.id)).toBeUndefined();
  });
});
