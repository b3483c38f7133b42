import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMBER_2 } from './helpers/fixture.ts';
import { draft, jst, later, openLedger, type LedgerHarness } from './helpers/ledger.ts';
import { backendName } from './helpers/test-store.ts';

/** Rules that move with the clock, with the chain policy from the settings document. */
describe(`rank and vesting in the account (${backendName})`, () => {
  let h: LedgerHarness;
  beforeAll(async () => {
    h = await openLedger();
  });
  afterAll(async () => {
    await h.close();
  });

  it('moves a member up a rank once trailing spend AND visits pass the threshold (silver: 50,000 yen, 6 visits)', async () => {
    const days = ['2026-02-01', '2026-02-08', '2026-02-15', '2026-02-22', '2026-03-01', '2026-03-08'];
    const table = days.map((day, i) => ({ day, amountYen: i === 0 ? 30_000 : 4_000, rank: i === days.length - 1 ? 'silver' : 'regular' }));
    for (const { day, amountYen, rank } of table) {
      const at = jst(`${day} 15:00`);
      await h.postOne(draft('earn', amountYen / 100, at, { memberId: MEMBER_2.id, amountYen }), at);
      expect((await h.account(MEMBER_2.id))?.rank, day).toBe(rank);
    }
    // A year and a day later the window is empty again.
    await h.recompute(jst('2027-03-09 12:00'), MEMBER_2.id);
    expect((await h.account(MEMBER_2.id))?.rank).toBe('regular');
  });

  it('keeps earned points out of available until they vest, then lets them in', async () => {
    await h.setPolicy({ vestingDays: 7 });
    const T = jst('2026-05-01 10:00');
    await h.postOne(draft('earn', 300, T), T);
    expect(await h.account()).toMatchObject({ balance: 300, available: 0 });
    // Migrated points were already the member's: they do not vest.
    await h.postOne(draft('migration', 50, T), T);
    expect(await h.account()).toMatchObject({ balance: 350, available: 50 });
    await h.recompute(later(T, 7));
    expect(await h.account()).toMatchObject({ balance: 350, available: 350 });
  });
});
