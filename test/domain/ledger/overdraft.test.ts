import { describe, expect, it } from 'vitest';
import { project, type LedgerEntry } from '../../../src/domain/ledger/index.ts';
import { adjust, at, earn, fromEarn12, migration, redeem, transferOut } from './fixtures.ts';

const now = at('2026-06-01');

describe('overdraft', () => {
  it.each<[string, LedgerEntry[], { balance: number; debt: number; available: number; lots: Record<string, number>; flagged: string[] }]>([
    ['a redemption over the lots posts anyway, as debt', [earn('e1', 50, '2026-01-10'), redeem('r1', 80, '2026-02-01')], { balance: -30, debt: 30, available: 0, lots: {}, flagged: ['r1'] }],
    [
      'two offline tablets both redeeming the same points',
      [earn('e1', 100, '2026-01-10'), redeem('r1', 80, '2026-02-01'), redeem('r2', 80, '2026-02-01')],
      { balance: -60, debt: 60, available: 0, lots: {}, flagged: ['r2'] },
    ],
    [
      'the next earn pays the debt back before making a lot',
      [earn('e1', 50, '2026-01-10'), redeem('r1', 80, '2026-02-01'), earn('e2', 100, '2026-03-01')],
      { balance: 70, debt: 0, available: 70, lots: { e2: 70 }, flagged: ['r1'] },
    ],
    [
      'an earn smaller than the debt pays part and makes no lot',
      [redeem('r1', 80, '2026-02-01'), earn('e2', 30, '2026-03-01')],
      { balance: -50, debt: 50, available: 0, lots: {}, flagged: ['r1'] },
    ],
    [
      'migration and credit adjustments pay debt too',
      [redeem('r1', 80, '2026-02-01'), migration('m1', 50, '2026-03-01'), adjust('a1', 'credit', 40, '2026-03-02')],
      { balance: 10, debt: 0, available: 10, lots: { a1: 10 }, flagged: ['r1'] },
    ],
    [
      'transfers out and debit adjustments can overdraw as well',
      [earn('e1', 10, '2026-01-10'), transferOut('t1', 15, '2026-02-01'), adjust('a1', 'debit', 5, '2026-02-02')],
      { balance: -10, debt: 10, available: 0, lots: {}, flagged: ['t1', 'a1'] },
    ],
  ])('%s', (_name, entries, expected) => {
    const projection = project(entries, fromEarn12, now);
    expect({
      balance: projection.balance,
      debt: projection.debt,
      available: projection.available,
      lots: Object.fromEntries(projection.lots.map((lot) => [lot.id, lot.remaining])),
      flagged: projection.flaggedEntryIds,
    }).toEqual(expected);
  });

  it('records the shortfall on the flag and each repayment', () => {
    const projection = project(
      [earn('e1', 50, '2026-01-10'), redeem('r1', 80, '2026-02-01'), earn('e2', 10, '2026-03-01'), earn('e3', 100, '2026-04-01')],
      fromEarn12,
      now,
    );
    expect(projection.flags).toEqual([{ entryId: 'r1', reason: 'overdraft', points: 30 }]);
    expect(projection.repayments).toEqual([
      { entryId: 'e2', points: 10 },
      { entryId: 'e3', points: 20 },
    ]);
  });

  it('ignores a repeated id and flags it, so a duplicate can never post twice', () => {
    const projection = project([earn('e1', 50, '2026-01-10'), earn('e1', 50, '2026-01-10')], fromEarn12, now);
    expect(projection.balance).toBe(50);
    expect(projection.flags).toEqual([{ entryId: 'e1', reason: 'duplicate-id', points: 50 }]);
  });

  it.each([0, -5, 1.5])('ignores and flags an entry of %d points', (points) => {
    const projection = project([earn('e1', 50, '2026-01-10'), redeem('r1', points, '2026-01-11')], fromEarn12, now);
    expect(projection.balance).toBe(50);
    expect(projection.flags).toEqual([{ entryId: 'r1', reason: 'invalid-points', points }]);
  });
});
