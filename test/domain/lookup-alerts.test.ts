import { describe, expect, it } from 'vitest';
import { LOOKUP_FACTOR, LOOKUP_FLOOR_PER_DAY, median, periodDays, unusualLookups, type LookupCount } from '../../src/domain/lookup-alerts.ts';

const staff = (shopId: string | null, ...lookups: number[]): LookupCount[] =>
  lookups.map((n, i) => ({ staffId: `${shopId ?? 'hq'}-${i + 1}`, shopId, lookups: n }));

describe('the unusual-lookup rule', () => {
  it('takes the median of odd and even counts, and 0 of none', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBe(0);
  });

  it('counts whole days, at least one', () => {
    expect(periodDays(0, 3_600_000)).toBe(1);
    expect(periodDays(0, 86_400_000)).toBe(1);
    expect(periodDays(0, 86_400_001)).toBe(2);
  });

  it('lists a clerk far above both the floor and the shop median', () => {
    const alerts = unusualLookups(staff('a', 30, 40, 50, 400), 1);
    expect(alerts).toEqual([{ staffId: 'a-4', shopId: 'a', lookups: 400, median: 45, comparedWith: 'shop', threshold: 135 }]);
  });

  it('keeps a quiet shop off the list: above 3× the median but under the floor', () => {
    expect(unusualLookups(staff('a', 5, 5, 6, LOOKUP_FLOOR_PER_DAY), 1)).toEqual([]);
    expect(unusualLookups(staff('a', 5, 5, 6, LOOKUP_FLOOR_PER_DAY + 1), 1).map((a) => a.staffId)).toEqual(['a-4']);
  });

  it('lets a busy shop through: above the floor but under the factor', () => {
    expect(unusualLookups(staff('a', 200, 220, 250, LOOKUP_FACTOR * 235), 1)).toEqual([]);
  });

  it('scales the floor with the period', () => {
    const counts = staff('a', 1, 1, 1, 150);
    expect(unusualLookups(counts, 1)).toHaveLength(1);
    expect(unusualLookups(counts, 2)).toEqual([]);
  });

  it('compares a shop with too few staff with the whole chain, most lookups first', () => {
    const counts = [...staff('a', 10, 10, 10, 10), ...staff('b', 180, 5), ...staff('c', 300)];
    const alerts = unusualLookups(counts, 1);
    expect(alerts.map((a) => [a.staffId, a.comparedWith, a.median])).toEqual([
      ['c-1', 'chain', 10],
      ['b-1', 'chain', 10],
    ]);
  });
});
