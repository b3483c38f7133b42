import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildProjections } from '../../server/services/projections.ts';
import { MEMBER_1, MEMBER_2 } from './helpers/fixture.ts';
import { draft, jst, openLedger, type LedgerHarness } from './helpers/ledger.ts';
import { backendName } from './helpers/test-store.ts';

describe(`rebuild every projection from the ledger (${backendName})`, () => {
  let h: LedgerHarness;
  const T = jst('2026-07-01 12:00');
  const now = jst('2026-07-02 12:00');
  beforeAll(async () => {
    h = await openLedger();
    await h.post([draft('earn', 120, T), draft('redeem', 20, T), draft('earn', 55, T, { memberId: MEMBER_2.id })], T);
  });
  afterAll(async () => {
    await h.close();
  });

  it('reports nothing when the accounts are what the ledger says', async () => {
    expect(await rebuildProjections(h.sql, { now })).toMatchObject({ members: 2, differences: [], fixed: 0 });
  });

  it('names each member and field that differs, with stored and computed values, and fixes them', async () => {
    await h.sql.query(`update point_accounts set balance = 999, available = 5, rank = 'gold' where member_id = $1`, [MEMBER_1.id]);
    await h.sql.query(`delete from point_accounts where member_id = $1`, [MEMBER_2.id]);
    const report = await rebuildProjections(h.sql, { now });
    expect(report.differences).toEqual([
      { memberId: MEMBER_1.id, memberNo: MEMBER_1.memberNo, field: 'balance', stored: 999, computed: 100 },
      { memberId: MEMBER_1.id, memberNo: MEMBER_1.memberNo, field: 'available', stored: 5, computed: 100 },
      { memberId: MEMBER_1.id, memberNo: MEMBER_1.memberNo, field: 'rank', stored: 'gold', computed: 'regular' },
      expect.objectContaining({ memberId: MEMBER_2.id, field: 'account', stored: null }),
    ]);
    // Reporting alone writes nothing.
    expect((await h.account())?.balance).toBe(999);

    expect(await rebuildProjections(h.sql, { now, fix: true })).toMatchObject({ fixed: 2 });
    expect(await h.account()).toMatchObject({ balance: 100, available: 100, rank: 'regular' });
    expect(await h.account(MEMBER_2.id)).toMatchObject({ balance: 55 });
    expect(await rebuildProjections(h.sql, { now })).toMatchObject({ members: 2, differences: [] });
  });
});
