import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reversalFor } from '../../src/domain/ledger/index.ts';
import type { PointEntryDraft } from '../../src/protocol/index.ts';
import { draft, jst, later, openLedger, type LedgerHarness } from './helpers/ledger.ts';
import { backendName } from './helpers/test-store.ts';

/** Returns through the ledger: the drafts come from the domain's reversalFor over the posted ledger. */
describe(`returns and cancellations (${backendName})`, () => {
  let h: LedgerHarness;
  beforeAll(async () => {
    h = await openLedger();
  });
  afterAll(async () => {
    await h.close();
  });

  const T = jst('2026-04-01 12:00');
  const asDrafts = (plan: ReturnType<typeof reversalFor>, at: string, ref: string): PointEntryDraft[] => {
    if (!plan.ok) throw new Error(`no return: ${plan.reason}`);
    return [...plan.takeBack, ...plan.giveBack].map((r) =>
      draft('reversal', r.points, at, { reverses: r.reverses, reversesType: r.reversesType, amountYen: r.amountYen ?? 0, ref }),
    );
  };

  it('takes back exactly the points of an earn over two partial returns, never more', async () => {
    const before = (await h.account())?.balance ?? 0;
    // 101 points on 10,100 yen: rounding each part separately would take back 30 + 71 or 29 + 71.
    await h.postOne(draft('earn', 101, T, { amountYen: 10_100, ref: 'R-a-000100' }), T);
    const first = asDrafts(reversalFor({ entries: await h.ledger(), ref: 'R-a-000100', returnedAmountYen: 3_000 }), later(T, 1), 'R-a-000100');
    await h.post(first, later(T, 1));
    const second = asDrafts(reversalFor({ entries: await h.ledger(), ref: 'R-a-000100', returnedAmountYen: 7_100 }), later(T, 2), 'R-a-000100');
    await h.post(second, later(T, 2));
    expect([...first, ...second].reduce((sum, d) => sum + d.points, 0)).toBe(101);
    expect((await h.account())?.balance).toBe(before);
    // Everything is returned: a further return is refused by the rule, and nothing is flagged.
    expect(reversalFor({ entries: await h.ledger(), ref: 'R-a-000100', returnedAmountYen: 1 })).toEqual({ ok: false, reason: 'over-returned' });
    expect((await h.account())?.flaggedEntryIds).toEqual([]);
  });

  it('flags a reversal that takes back more than its earn gave, and posts it (append-only)', async () => {
    const original = draft('earn', 10, T, { ref: 'R-a-000200' });
    await h.postOne(original, T);
    const greedy = await h.postOne(draft('reversal', 15, T, { reverses: original.id, reversesType: 'earn', ref: 'R-a-000200' }), T);
    // The member had nothing else left: the 5 points too many also became debt.
    expect(greedy.flags).toEqual(['reversal-exceeds-original', 'overdraft']);
    expect((await h.account())?.debt).toBe(5);
    expect((await h.account())?.flaggedEntryIds).toContain(greedy.id);
  });

  it('gives the points of a cancelled purchase back into the lot they came from, with its expiry', async () => {
    const fresh = await openLedger();
    try {
      await fresh.postOne(draft('earn', 100, T, { expiresOn: '2026-06-30', ref: 'R-a-000300' }), T);
      await fresh.postOne(draft('redeem', 60, later(T, 1), { ref: 'R-a-000301' }), later(T, 1));
      expect(await fresh.account()).toMatchObject({ balance: 40, lots: [{ expiresOn: '2026-06-30', points: 40 }] });
      const cancel = asDrafts(reversalFor({ entries: await fresh.ledger(), ref: 'R-a-000301' }), later(T, 2), 'R-a-000301');
      expect(cancel).toMatchObject([{ reversesType: 'redeem', points: 60 }]);
      await fresh.post(cancel, later(T, 2));
      expect(await fresh.account()).toMatchObject({ balance: 100, available: 100, lots: [{ expiresOn: '2026-06-30', points: 100 }] });
    } finally {
      await fresh.close();
    }
  });
});
