import { describe, expect, it } from 'vitest';
import { project, reversalFor, type LedgerEntry, type ReturnPlan, type ReversalEntry } from '../../../src/domain/ledger/index.ts';
import { at, earn, fromEarn12, giveBack, redeem, takeBack } from './fixtures.ts';

/** Posts a plan's drafts as entries, the way the counter would. */
function post(plan: ReturnPlan, time: string, prefix: string): ReversalEntry[] {
  if (!plan.ok) throw new Error(plan.reason);
  return [...plan.takeBack, ...plan.giveBack].map((draft, i) => ({
    ...draft,
    id: `${prefix}-${i}`,
    at: at(time),
    channel: 'store',
    shopId: 'shop-shibuya',
    ref: 'R1',
  }));
}

const receipt: LedgerEntry[] = [
  earn('e-a', 30, '2026-05-01', { ref: 'R1', line: '1', amountYen: 3_000 }),
  earn('e-b', 12, '2026-05-01', { ref: 'R1', line: '2', amountYen: 1_250 }),
  redeem('r1', 200, '2026-05-01', { ref: 'R1' }),
  earn('other', 99, '2026-05-02', { ref: 'R2', amountYen: 9_900 }),
];

describe('reversalFor', () => {
  it('takes back every point of a cancelled receipt and gives back what was redeemed on it', () => {
    const plan = reversalFor({ entries: receipt, ref: 'R1' });
    expect(plan).toEqual({
      ok: true,
      takeBack: [
        { type: 'reversal', reverses: 'e-a', reversesType: 'earn', points: 30, amountYen: 3_000 },
        { type: 'reversal', reverses: 'e-b', reversesType: 'earn', points: 12, amountYen: 1_250 },
      ],
      giveBack: [{ type: 'reversal', reverses: 'r1', reversesType: 'redeem', points: 200 }],
      pointsTakenBack: 42,
      pointsGivenBack: 200,
    });
  });

  it('takes back one line, and only what is left of it on a second return', () => {
    const first = reversalFor({ entries: receipt, ref: 'R1', line: '2' });
    expect(first).toMatchObject({ ok: true, pointsTakenBack: 12, giveBack: [] });
    const after = [...receipt, ...post(first, '2026-05-03', 'x')];
    expect(reversalFor({ entries: after, ref: 'R1', line: '2' })).toMatchObject({ ok: true, takeBack: [], pointsTakenBack: 0 });
    expect(reversalFor({ entries: after, ref: 'R1' })).toMatchObject({ ok: true, pointsTakenBack: 30, pointsGivenBack: 200 });
  });

  it.each<[string, number, number, number[], number[]]>([
    ['three equal parts', 30, 3_000, [1_000, 1_000, 1_000], [10, 10, 10]],
    ['rounding never takes more than earned', 12, 1_250, [50, 50, 50, 1_100], [1, 0, 1, 10]],
    ['a return that costs no point still records its yen', 10, 1_000, [50, 50, 900], [1, 0, 9]],
    ['tiny returns then the rest', 7, 700, [1, 1, 1, 697], [1, 0, 0, 6]],
    ['everything in one go', 99, 9_900, [9_900], [99]],
  ])('partial returns by amount: %s', (_name, points, amountYen, returns, expected) => {
    let entries: LedgerEntry[] = [earn('e', points, '2026-05-01', { ref: 'R1', amountYen })];
    const taken: number[] = [];
    returns.forEach((returnedAmountYen, i) => {
      const plan = reversalFor({ entries, ref: 'R1', returnedAmountYen });
      if (!plan.ok) throw new Error(plan.reason);
      taken.push(plan.pointsTakenBack);
      entries = [...entries, ...post(plan, '2026-05-02', `p${i}`)];
    });
    expect(taken).toEqual(expected);
    expect(taken.reduce((a, b) => a + b, 0)).toBe(points);
    expect(project(entries, fromEarn12, at('2026-05-03'))).toMatchObject({ balance: 0, flags: [] });
  });

  it.each<[string, Parameters<typeof reversalFor>[0], string]>([
    ['an unknown receipt', { entries: receipt, ref: 'R9' }, 'no-purchase'],
    ['an unknown line', { entries: receipt, ref: 'R1', line: '7' }, 'no-purchase'],
    ['an amount on a receipt with several earns', { entries: receipt, ref: 'R1', returnedAmountYen: 100 }, 'ambiguous-line'],
    ['more yen than was bought', { entries: receipt, ref: 'R1', line: '1', returnedAmountYen: 3_001 }, 'over-returned'],
    [
      'more yen than is left after an earlier return',
      { entries: [...receipt, takeBack('t', 'e-a', 20, '2026-05-02', 2_000)], ref: 'R1', line: '1', returnedAmountYen: 1_001 },
      'over-returned',
    ],
  ])('refuses %s', (_name, request, reason) => {
    expect(reversalFor(request)).toEqual({ ok: false, reason });
  });
});

describe('returns in the projection', () => {
  const policy = { ...fromEarn12, vestingDays: 0 };

  it('gives redeemed points back into their lots with their original expiry', () => {
    const entries = [earn('e1', 100, '2026-01-10'), earn('e2', 100, '2026-02-10'), redeem('r1', 150, '2026-03-01'), giveBack('g1', 'r1', 150, '2026-03-05')];
    const projection = project(entries, policy, at('2026-03-06'));
    expect(projection.lots.map((lot) => [lot.id, lot.remaining, lot.expiresOn])).toEqual([
      ['e1', 100, '2027-01-10'],
      ['e2', 100, '2027-02-10'],
    ]);
  });

  it('gives back the last-taken points first on a partial give-back', () => {
    const entries = [earn('e1', 100, '2026-01-10'), earn('e2', 100, '2026-02-10'), redeem('r1', 150, '2026-03-01'), giveBack('g1', 'r1', 30, '2026-03-05')];
    expect(project(entries, policy, at('2026-03-06')).lots.map((lot) => [lot.id, lot.remaining])).toEqual([['e2', 80]]);
  });

  it('makes a new lot, expiring as if earned that day, for points whose lot expired meanwhile', () => {
    const entries = [earn('e1', 100, '2025-03-01'), redeem('r1', 60, '2026-02-20'), giveBack('g1', 'r1', 60, '2026-03-05')];
    const projection = project(entries, policy, at('2026-03-06'));
    expect(projection.lots.map((lot) => [lot.id, lot.source, lot.remaining, lot.expiresOn, lot.state])).toEqual([
      ['g1', 'restore', 60, '2027-03-05', 'available'],
      ['e1', 'earn', 40, '2026-03-01', 'expired'],
    ]);
  });

  it('pays the debt of an overdrawn redemption first when it is cancelled', () => {
    const entries = [earn('e1', 50, '2026-01-10'), redeem('r1', 80, '2026-02-01'), giveBack('g1', 'r1', 80, '2026-02-02')];
    const projection = project(entries, policy, at('2026-02-03'));
    expect(projection).toMatchObject({ balance: 50, debt: 0, available: 50 });
    expect(projection.lots.map((lot) => [lot.id, lot.remaining])).toEqual([['e1', 50]]);
  });

  it('takes back from the earn’s own lot first, even when other points expire sooner', () => {
    const entries = [earn('soon', 50, '2026-01-10', { expiresOn: '2026-04-30' }), earn('e1', 40, '2026-03-01'), takeBack('t1', 'e1', 40, '2026-03-02')];
    expect(project(entries, policy, at('2026-03-03')).lots.map((lot) => [lot.id, lot.remaining])).toEqual([['soon', 50]]);
  });

  it('turns points already spent into debt when their purchase is returned', () => {
    const entries = [earn('e1', 40, '2026-03-01'), redeem('r1', 40, '2026-03-01'), takeBack('t1', 'e1', 40, '2026-03-02')];
    const projection = project(entries, policy, at('2026-03-03'));
    expect(projection).toMatchObject({ balance: -40, debt: 40, flags: [{ entryId: 't1', reason: 'overdraft', points: 40 }] });
  });

  it.each<[string, LedgerEntry[], number]>([
    ['an earn', [earn('e1', 40, '2026-03-01'), earn('e2', 100, '2026-03-01'), takeBack('t1', 'e1', 30, '2026-03-02'), takeBack('t2', 'e1', 30, '2026-03-03')], 20],
    ['a redemption', [earn('e1', 100, '2026-03-01'), redeem('r1', 40, '2026-03-01'), giveBack('g1', 'r1', 30, '2026-03-02'), giveBack('g2', 'r1', 30, '2026-03-03')], 20],
  ])('flags reversals of %s beyond what it was (posted anyway: the ledger never drops an entry)', (_name, entries, excess) => {
    const projection = project(entries, policy, at('2026-03-04'));
    expect(projection.flags).toContainEqual({ entryId: entries[3]?.id, reason: 'reversal-exceeds-original', points: excess });
  });
});
