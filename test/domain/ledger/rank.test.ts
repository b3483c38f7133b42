import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RANKS,
  computeRank,
  rankFor,
  spendRecords,
  trailingSpend,
  type RankTable,
  type SpendRecord,
} from '../../../src/domain/ledger/index.ts';
import { at, earn, takeBack } from './fixtures.ts';

describe('rankFor (regular / silver 50,000 yen + 6 visits / gold 150,000 yen + 12 visits)', () => {
  it.each([
    [0, 0, 'regular'],
    [49_999, 6, 'regular'],
    [50_000, 5, 'regular'],
    [50_000, 6, 'silver'],
    [149_999, 30, 'silver'],
    [1_000_000, 11, 'silver'],
    [150_000, 12, 'gold'],
    [10_000_000, 100, 'gold'],
    [1_000_000, 0, 'regular'],
  ])('%i yen and %i visits: %s', (spend, visits, rank) => {
    expect(rankFor(DEFAULT_RANKS, spend, visits).id).toBe(rank);
  });

  it.each<[string, RankTable]>([
    ['no tiers', []],
    ['a lowest tier with a threshold', [{ id: 'x', minSpendYen: 1, minVisits: 0, multiplier: 1 }]],
    [
      'thresholds going down',
      [
        { id: 'a', minSpendYen: 0, minVisits: 0, multiplier: 1 },
        { id: 'b', minSpendYen: 100, minVisits: 5, multiplier: 1.5 },
        { id: 'c', minSpendYen: 200, minVisits: 4, multiplier: 2 },
      ],
    ],
    ['a zero multiplier', [{ id: 'a', minSpendYen: 0, minVisits: 0, multiplier: 0 }]],
  ])('refuses a table with %s', (_name, table) => {
    expect(() => rankFor(table, 0, 0)).toThrow(RangeError);
  });
});

describe('trailing 12 months', () => {
  const day = (date: string, amountYen: number): SpendRecord => ({ at: at(date), amountYen });

  it.each<[string, SpendRecord[], string, { spendYen: number; visits: number }]>([
    ['the same date a year ago is outside, the day after inside', [day('2026-03-15', 1_000), day('2026-03-16', 2_000)], '2027-03-15', { spendYen: 2_000, visits: 1 }],
    ['two purchases on one JST day are one visit', [day('2026-06-01T09:00:00+09:00', 1_000), day('2026-06-01T21:00:00+09:00', 1_000)], '2026-12-01', { spendYen: 2_000, visits: 1 }],
    [
      '23:30 and 00:30 JST are two visits even though UTC says one day',
      [day('2026-06-01T23:30:00+09:00', 1_000), day('2026-06-02T00:30:00+09:00', 1_000)],
      '2026-12-01',
      { spendYen: 2_000, visits: 2 },
    ],
    ['a return lowers spend but keeps the visit', [day('2026-06-01', 5_000), day('2026-06-03', -2_000)], '2026-12-01', { spendYen: 3_000, visits: 1 }],
    ['spend never goes below zero', [day('2025-01-01', 5_000), day('2026-06-03', -5_000)], '2026-12-01', { spendYen: 0, visits: 0 }],
    ['purchases after the moment asked are ignored', [day('2026-06-01', 1_000), day('2026-12-02', 9_000)], '2026-12-01', { spendYen: 1_000, visits: 1 }],
  ])('%s', (_name, records, when, expected) => {
    expect(trailingSpend(records, at(when))).toMatchObject(expected);
  });

  it.each([
    ['2027-03-15', '2026-03-16'],
    ['2028-02-29', '2027-03-01'],
    ['2027-02-28', '2026-03-01'],
  ])('the window ending %s starts %s', (to, from) => {
    expect(trailingSpend([], at(to))).toEqual({ spendYen: 0, visits: 0, from, to });
  });

  it('reads spend from earns and returns in the ledger, EC included', () => {
    const entries = [
      ...Array.from({ length: 6 }, (_, i) => earn(`e${i}`, 100, `2026-0${i + 1}-10`, { amountYen: 10_000 })),
      earn('ec', 100, '2026-07-10', { amountYen: 5_000, channel: 'ec', shopId: 'ec' }),
      takeBack('t1', 'e0', 100, '2026-07-11', 10_000),
    ];
    const result = computeRank(spendRecords(entries), DEFAULT_RANKS, at('2026-08-01'));
    expect(result).toMatchObject({ spendYen: 55_000, visits: 7 });
    expect(result.rank.id).toBe('silver');
  });
});
