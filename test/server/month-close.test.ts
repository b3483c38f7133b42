import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CloseSnapshot, PointEntryDraft } from '../../src/protocol/index.ts';
import { apiMemberSchema, TenpoError } from '../../src/protocol/index.ts';
import { closeMonth } from '../../server/services/month-close.ts';
import { openApiHarness, type ApiHarness } from './helpers/api.ts';
import { MEMBER_1, MEMBER_2, SHOP_A, SHOP_B } from './helpers/fixture.ts';
import { backendName } from './helpers/test-store.ts';

/** A JST wall-clock time as an instant. */
const jst = (local: string) => new Date(`${local}+09:00`).toISOString();

interface Row {
  id: string;
  type: string;
  points: number;
  direction: string | null;
  reverses_type: string | null;
  channel: 'store' | 'ec';
  at: Date;
  posting_no: number;
  flags: string[];
}

// ── the independent recomputation: plain sums over the raw rows ───────────────

function signOf(r: Row): number {
  if (['earn', 'migration', 'transfer_in'].includes(r.type)) return r.points;
  if (['redeem', 'expire', 'transfer_out'].includes(r.type)) return -r.points;
  if (r.type === 'adjust') return r.direction === 'credit' ? r.points : -r.points;
  return r.reverses_type === 'earn' ? -r.points : r.points;
}
const monthOfRow = (r: Row) => new Date(r.at.getTime() + 9 * 3600_000).toISOString().slice(0, 7);
const total = (rows: Row[], type: string, extra: (r: Row) => boolean = () => true) =>
  rows.filter((r) => r.type === type && extra(r)).reduce((sum, r) => sum + r.points, 0);

function recompute(rows: Row[], owned: (r: Row) => boolean, thisPeriod: (r: Row) => boolean) {
  const period = rows.filter(thisPeriod);
  const opening = rows.filter((r) => owned(r) && !thisPeriod(r)).reduce((sum, r) => sum + signOf(r), 0);
  const movement = {
    earned: total(period, 'earn'),
    redeemed: total(period, 'redeem'),
    expired: total(period, 'expire'),
    earnReversed: total(period, 'reversal', (r) => r.reverses_type === 'earn'),
    redeemReversed: total(period, 'reversal', (r) => r.reverses_type === 'redeem'),
    adjustedCredit: total(period, 'adjust', (r) => r.direction === 'credit'),
    adjustedDebit: total(period, 'adjust', (r) => r.direction === 'debit'),
    migrated: total(period, 'migration'),
    transferredIn: total(period, 'transfer_in'),
    transferredOut: total(period, 'transfer_out'),
    net: period.reduce((sum, r) => sum + signOf(r), 0),
  };
  const netEarned = movement.earned - movement.earnReversed;
  return {
    opening,
    movement,
    closing: rows.filter(owned).reduce((sum, r) => sum + signOf(r), 0),
    earnedByChannel: { store: total(period, 'earn', (r) => r.channel === 'store'), ec: total(period, 'earn', (r) => r.channel === 'ec') },
    redemptionRate: netEarned > 0 ? Math.round(((movement.redeemed - movement.redeemReversed) / netEarned) * 10_000) / 10_000 : null,
    overdraftIds: period.filter((r) => r.flags.includes('overdraft')).map((r) => r.id),
  };
}

function checkAgainst(snapshot: CloseSnapshot, expected: ReturnType<typeof recompute>): void {
  expect(snapshot.opening).toBe(expected.opening);
  expect(snapshot.movement).toEqual(expected.movement);
  expect(snapshot.outstanding.points).toBe(expected.closing);
  expect(snapshot.opening + snapshot.movement.net).toBe(snapshot.outstanding.points);
  expect(snapshot.earnedByChannel).toEqual(expected.earnedByChannel);
  expect(snapshot.redemptionRate).toBe(expected.redemptionRate);
  expect(snapshot.flaggedOverdrafts.entries.map((e) => e.entryId)).toEqual(expected.overdraftIds);
  // The breakdowns of the lots add up, and lots less debt are the balances.
  const o = snapshot.outstanding;
  expect(o.lotPoints - o.debt).toBe(o.points);
  expect(Object.values(o.byLotAge).reduce((a, b) => a + b, 0)).toBe(o.lotPoints);
  expect(o.byExpiryMonth.reduce((a, b) => a + b.points, 0)).toBe(o.lotPoints);
  expect(o.byChannel.store + o.byChannel.ec).toBe(o.lotPoints);
}

describe(`month-end close (${backendName})`, () => {
  let h: ApiHarness;
  let m3 = '';
  let m4 = '';
  const rows = async (): Promise<Row[]> =>
    (await h.sql.query<Row>('select id, type, points, direction, reverses_type, channel, at, posting_no, flags from point_entries order by posting_no')).rows;
  const postedThrough = async (month: string) =>
    (await h.sql.query<{ p: number }>('select posted_through as p from period_closes where month = $1', [month])).rows[0]?.p ?? -1;
  const refused = async (month: string, now: string, code: string) => {
    const error = await closeMonth(h.sql, month, now).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenpoError);
    expect((error as TenpoError).code).toBe(code);
    expect((error as TenpoError).status).toBe(409);
  };

  const draft = (id: string, memberId: string, type: PointEntryDraft['type'], points: number, at: string, extra: Partial<PointEntryDraft> = {}): PointEntryDraft => ({
    id,
    memberId,
    type,
    points,
    amountYen: type === 'earn' ? points * 100 : 0,
    channel: 'store',
    shopId: SHOP_A,
    deviceId: 'tablet-1',
    staffId: '',
    ref: `R-${id}`,
    createdAt: at,
    ...extra,
  });
  /** Posted by the server at `at` (a tablet online at the time). */
  const online = (d: PointEntryDraft) => h.postAt(d.createdAt, [d]);

  beforeAll(async () => {
    h = await openApiHarness();
    for (const name of ['松本 三子', '井上 四郎']) {
      const made = apiMemberSchema.parse((await h.call('POST', '/api/v1/members', { name, nameKana: '' })).body);
      if (name.startsWith('松本')) m3 = made.id;
      else m4 = made.id;
    }
    const m1 = MEMBER_1.id;
    const m2 = MEMBER_2.id;

    // History before the first close (its opening balance).
    await online(draft('e01-m3-earn', m3, 'earn', 200, jst('2025-01-10T10:00:00')));
    await online(draft('e02-m1-earn', m1, 'earn', 100, jst('2025-01-20T10:00:00')));
    await online(draft('e03-m1-earn', m1, 'earn', 150, jst('2025-06-15T10:00:00'), { channel: 'ec', shopId: '' }));
    await online(draft('e04-m1-earn', m1, 'earn', 80, jst('2025-10-05T10:00:00'), { shopId: SHOP_B }));
    await online(draft('e05-m1-redeem', m1, 'redeem', 60, jst('2025-12-20T10:00:00')));
    // January. m3's points expire (12 months after its last activity) at 2026-01-11 00:00 JST.
    await h.postAt(jst('2026-01-11T03:00:00'), [
      draft('expire:e01-m3-earn:2026-01-10', m3, 'expire', 200, jst('2026-01-11T00:00:00'), { lotId: 'e01-m3-earn', expiresOn: '2026-01-10', deviceId: '', ref: '' }),
    ]);
    await online(draft('e07-m2-earn', m2, 'earn', 300, jst('2026-01-15T10:00:00'), { channel: 'ec', shopId: '' }));
    await online(draft('e08-m4-earn', m4, 'earn', 50, jst('2026-01-18T10:00:00')));
    // Two offline redemptions that sync later: the second overdraws by 30 and is flagged.
    await h.postAt(jst('2026-01-25T09:00:00'), [
      draft('e09-m4-redeem', m4, 'redeem', 40, jst('2026-01-20T10:00:00'), { offline: true }),
      draft('e10-m4-redeem', m4, 'redeem', 40, jst('2026-01-21T10:00:00'), { offline: true, deviceId: 'tablet-2' }),
    ]);
    await online(draft('e11-m2-migration', m2, 'migration', 500, jst('2026-01-25T10:00:00'), { shopId: SHOP_B }));
    await online(draft('e12-m1-earn', m1, 'earn', 40, jst('2026-01-28T10:00:00')));
  });
  afterAll(async () => {
    await h.close();
  });

  it('refuses a month that has not ended (JST), and a first close before the ledger begins', async () => {
    // 23:59 JST on 1/31 (14:59 UTC) is still January in Japan.
    await refused('2026-01', '2026-01-31T14:59:59.999Z', 'month-not-ended');
    // The first entry is of January 2025: a mistyped year must not start the books in 2024.
    await refused('2024-12', jst('2026-02-02T10:00:00'), 'close-out-of-order');
    expect(await h.count('period_closes')).toBe(0);
  });

  it('closes January: history before it is the opening balance; figures match a recomputation from the ledger', async () => {
    const close = await closeMonth(h.sql, '2026-01', jst('2026-02-02T10:00:00'));
    const s = close.snapshot;
    expect(s).toMatchObject({ month: '2026-01', previousMonth: null, periodStart: jst('2026-01-01T00:00:00'), periodEnd: jst('2026-02-01T00:00:00') });
    const all = await rows();
    const t1 = await postedThrough('2026-01');
    expect(s.postedThrough).toBe(t1);
    const expected = recompute(
      all,
      (r) => r.posting_no <= t1 && monthOfRow(r) <= '2026-01',
      (r) => r.posting_no <= t1 && monthOfRow(r) === '2026-01',
    );
    checkAgainst(s, expected);
    // By hand: 200+100+150+80−60 before January; in January +300+50−40−40+500+40 earned/redeemed/migrated, −200 expired.
    expect(s.opening).toBe(470);
    expect(s.outstanding.points).toBe(1080);
    expect(s.redemptionRate).toBe(0.2051);
    expect(s.flaggedOverdrafts).toMatchObject({ count: 1, points: 40, entries: [{ entryId: 'e10-m4-redeem', deviceId: 'tablet-2', points: 40 }] });
    expect(s.late).toEqual({ count: 0, points: 0, entries: [] });
    // Lots at the end of January, by hand: m1 has 40 (of 100, after the 60 redeemed,
    // 12 months old), 150 (7 months), 80 (3 months), 40 (this month); m2 300 and 500
    // (this month); m3's expired; m4 owes 30. Rolling 12 months from each member's last
    // activity: m1 2027-01-28, m2 2027-01-15 (earn) and 2027-01-25 (migration, made after it).
    expect(s.outstanding).toEqual({
      points: 1080,
      lotPoints: 1110,
      debt: 30,
      members: 3,
      byLotAge: { '0-3m': 840, '3-6m': 80, '6-12m': 150, '12m+': 40 },
      byExpiryMonth: [{ month: '2027-01', points: 1110 }],
      byChannel: { store: 660, ec: 450 },
    });
  });

  it('closing a month twice is refused, and so is a month before the last close or one that skips a month', async () => {
    await refused('2026-01', jst('2026-02-03T10:00:00'), 'already-closed');
    await refused('2025-12', jst('2026-02-03T10:00:00'), 'already-closed');
    await refused('2026-03', jst('2026-04-03T10:00:00'), 'close-out-of-order');
    expect(await h.count('period_closes')).toBe(1);
  });

  it('a closed snapshot cannot be changed or deleted, even by SQL', async () => {
    await expect(h.sql.query(`update period_closes set snapshot = '{}'::jsonb where month = '2026-01'`)).rejects.toThrow(/immutable/);
    await expect(h.sql.query(`delete from period_closes where month = '2026-01'`)).rejects.toThrow(/immutable/);
  });

  it('closes February: a late January entry counts in February and is listed as late; March entries wait', async () => {
    const m1 = MEMBER_1.id;
    const m2 = MEMBER_2.id;
    // A tablet that was offline across the January close syncs a January earn on 2/3: late.
    await h.postAt(jst('2026-02-03T10:00:00'), [draft('e13-m2-earn-late', m2, 'earn', 25, jst('2026-01-30T10:00:00'), { offline: true })]);
    await online(draft('e14-m4-earn', m4, 'earn', 20, jst('2026-02-05T10:00:00')));
    await online(draft('e15-m1-return', m1, 'reversal', 40, jst('2026-02-10T10:00:00'), { reverses: 'e12-m1-earn', reversesType: 'earn', amountYen: 4000 }));
    await online(draft('e16-m2-redeem', m2, 'redeem', 100, jst('2026-02-12T10:00:00'), { channel: 'ec', shopId: '' }));
    await online(draft('e17-m2-giveback', m2, 'reversal', 30, jst('2026-02-14T10:00:00'), { reverses: 'e16-m2-redeem', reversesType: 'redeem', channel: 'ec', shopId: '' }));
    await online(draft('e18-m1-adjust', m1, 'adjust', 10, jst('2026-02-20T10:00:00'), { direction: 'credit', deviceId: '' }));
    await h.postAt(jst('2026-02-22T10:00:00'), [
      draft('e19-m2-transfer-out', m2, 'transfer_out', 50, jst('2026-02-22T10:00:00'), { shopId: '', deviceId: '' }),
      draft('e19-m3-transfer-in', m3, 'transfer_in', 50, jst('2026-02-22T10:00:00'), { shopId: '', deviceId: '' }),
    ]);
    // Made on the last evening of February, posted after midnight: still February's, not late.
    await h.postAt(jst('2026-03-01T00:30:00'), [draft('e20-m1-earn', m1, 'earn', 35, jst('2026-02-28T23:00:00'), { channel: 'ec', shopId: '' })]);
    // March business, posted before February is closed: not February's.
    await online(draft('e21-m2-earn-march', m2, 'earn', 60, jst('2026-03-02T10:00:00')));

    const s = (await closeMonth(h.sql, '2026-02', jst('2026-03-05T10:00:00'))).snapshot;
    const all = await rows();
    const [t1, t2] = [await postedThrough('2026-01'), await postedThrough('2026-02')];
    const janOwned = (r: Row) => r.posting_no <= t1 && monthOfRow(r) <= '2026-01';
    const febOwned = (r: Row) => !janOwned(r) && r.posting_no <= t2 && monthOfRow(r) <= '2026-02';
    checkAgainst(s, recompute(all, (r) => janOwned(r) || febOwned(r), febOwned));

    expect(s.previousMonth).toBe('2026-01');
    expect(s.opening).toBe(1080);
    expect(s.movement).toMatchObject({ earned: 80, redeemed: 100, earnReversed: 40, redeemReversed: 30, adjustedCredit: 10, transferredIn: 50, transferredOut: 50, net: -20 });
    expect(s.redemptionRate).toBe(1.75);
    expect(s.late).toMatchObject({ count: 1, points: 25, entries: [{ entryId: 'e13-m2-earn-late', businessMonth: '2026-01', memberNo: MEMBER_2.memberNo }] });
    expect(s.flaggedOverdrafts.count).toBe(0);
    // Lots at the end of February, by hand: m1 40/150/80 as before, the returned 40 gone,
    // +10 adjusted and +35 (ec) this month; m2 300−100+30 given back −50 transferred = 180
    // (ec), 500 and the late 25; m3 the 50 transferred in; m4 owes 30−20 repaid = 10.
    // Every member was active or credited in February, so all expire in 2027-02.
    expect(s.outstanding).toEqual({
      points: 1060,
      lotPoints: 1070,
      debt: 10,
      members: 4,
      byLotAge: { '0-3m': 800, '3-6m': 80, '6-12m': 150, '12m+': 40 },
      byExpiryMonth: [{ month: '2027-02', points: 1070 }],
      byChannel: { store: 705, ec: 365 },
    });
  });

  it('an entry for February that arrives after its close is late in March', async () => {
    await h.postAt(jst('2026-03-06T10:00:00'), [draft('e22-m3-earn-late', m3, 'earn', 15, jst('2026-02-27T10:00:00'), { offline: true })]);
    const s = (await closeMonth(h.sql, '2026-03', jst('2026-04-01T00:00:00'))).snapshot;
    const all = await rows();
    const [t1, t2, t3] = [await postedThrough('2026-01'), await postedThrough('2026-02'), await postedThrough('2026-03')];
    const before = (r: Row) => (r.posting_no <= t1 && monthOfRow(r) <= '2026-01') || (r.posting_no <= t2 && monthOfRow(r) <= '2026-02');
    const march = (r: Row) => !before(r) && r.posting_no <= t3 && monthOfRow(r) <= '2026-03';
    checkAgainst(s, recompute(all, (r) => before(r) || march(r), march));
    expect(s.opening).toBe(1060);
    expect(s.late.entries.map((e) => e.entryId)).toEqual(['e22-m3-earn-late']);
    expect(s.movement.earned).toBe(60 + 15);
  });
});
