import { describe, expect, it } from 'vitest';
import { computeEarn, pickCampaign, type Campaign, type EarnInput, type PurchaseContext } from '../../../src/domain/ledger/index.ts';

const regular = { id: 'regular', multiplier: 1 };
const silver = { id: 'silver', multiplier: 1.5 };
const gold = { id: 'gold', multiplier: 2 };

const double: Campaign = { id: 'double-1103', multiplier: 2, from: '2026-11-03', to: '2026-11-03', channel: 'both' };
const ecWeek: Campaign = { id: 'ec-week', multiplier: 3, from: '2026-11-01', to: '2026-11-07', channel: 'ec' };
const shibuya: Campaign = { id: 'shibuya-10th', multiplier: 5, from: '2026-11-01', to: '2026-11-30', channel: 'store', shopIds: ['shop-shibuya'] };
const goldOnly: Campaign = { id: 'gold-day', multiplier: 4, from: '2026-11-03', to: '2026-11-03', channel: 'both', rankIds: ['gold'] };

const purchase: PurchaseContext = { at: '2026-11-03T12:00:00+09:00', channel: 'store', shopId: 'shop-ueno', rankId: 'regular' };

describe('pickCampaign', () => {
  it.each<[string, Partial<PurchaseContext>, Campaign[], string | null]>([
    ['first instant of the day', { at: '2026-11-03T00:00:00+09:00' }, [double], 'double-1103'],
    ['last instant of the day', { at: '2026-11-03T23:59:59.999+09:00' }, [double], 'double-1103'],
    ['the last second of the day before', { at: '2026-11-02T23:59:59+09:00' }, [double], null],
    ['Nov 3 in Japan though Nov 2 in UTC', { at: '2026-11-02T15:00:00Z' }, [double], 'double-1103'],
    ['Nov 4 in Japan though Nov 3 in UTC', { at: '2026-11-03T15:00:00Z' }, [double], null],
    ['an EC campaign does not apply at a shop', {}, [ecWeek], null],
    ['an EC campaign applies to an EC order', { channel: 'ec', shopId: 'ec' }, [ecWeek], 'ec-week'],
    ['a shop campaign applies only at its shops', {}, [shibuya], null],
    ['a shop campaign at its shop', { shopId: 'shop-shibuya' }, [shibuya], 'shibuya-10th'],
    ['a rank campaign skips other ranks', {}, [goldOnly], null],
    ['a rank campaign for its rank', { rankId: 'gold' }, [goldOnly], 'gold-day'],
    ['the highest multiplier wins', { shopId: 'shop-shibuya', rankId: 'gold' }, [double, goldOnly, shibuya], 'shibuya-10th'],
    ['the highest that applies wins', { rankId: 'gold' }, [shibuya, double, goldOnly], 'gold-day'],
    ['a tie goes to the campaign that started first', { channel: 'ec', shopId: 'ec' }, [{ ...double, multiplier: 3 }, ecWeek], 'ec-week'],
    ['then to the lowest id, whatever the list order', {}, [{ ...double, id: 'b' }, { ...double, id: 'a' }], 'a'],
  ])('%s', (_name, overrides, campaigns, expected) => {
    expect(pickCampaign(campaigns, { ...purchase, ...overrides })?.id ?? null).toBe(expected);
  });

  it('refuses a campaign that would lower points', () => {
    expect(() => pickCampaign([{ ...double, multiplier: 0.5 }], purchase)).toThrow(RangeError);
  });
});

describe('computeEarn', () => {
  const input: EarnInput = { amountYen: 3_299, yenPerPoint: 100, rank: regular, campaigns: [], channel: 'store', shopId: 'shop-ueno', at: purchase.at };

  it.each<[string, Partial<EarnInput>, { points: number; basePoints: number; totalMultiplier: number; campaignId?: string }]>([
    ['regular, no campaign', {}, { points: 32, basePoints: 32, totalMultiplier: 1 }],
    ['silver floors 48', { rank: silver }, { points: 48, basePoints: 32, totalMultiplier: 1.5 }],
    ['silver floors a half point away', { rank: silver, amountYen: 3_399 }, { points: 49, basePoints: 33, totalMultiplier: 1.5 }],
    ['gold', { rank: gold }, { points: 64, basePoints: 32, totalMultiplier: 2 }],
    ['double day for a regular member', { campaigns: [double] }, { points: 64, basePoints: 32, totalMultiplier: 2, campaignId: 'double-1103' }],
    ['double day for gold adds, not multiplies: 2 + 1', { rank: gold, campaigns: [double] }, { points: 96, basePoints: 32, totalMultiplier: 3, campaignId: 'double-1103' }],
    ['silver on a double day: 1.5 + 1', { rank: silver, campaigns: [double] }, { points: 80, basePoints: 32, totalMultiplier: 2.5, campaignId: 'double-1103' }],
    ['no floating-point loss: 100 × 1.15', { amountYen: 10_000, rank: { id: 'x', multiplier: 1.15 } }, { points: 115, basePoints: 100, totalMultiplier: 1.15 }],
    ['under 100 yen earns nothing', { amountYen: 99, rank: gold, campaigns: [double] }, { points: 0, basePoints: 0, totalMultiplier: 3, campaignId: 'double-1103' }],
    ['another rate', { amountYen: 1_000, yenPerPoint: 200 }, { points: 5, basePoints: 5, totalMultiplier: 1 }],
  ])('%s', (_name, overrides, expected) => {
    expect(computeEarn({ ...input, ...overrides })).toMatchObject(expected);
  });

  it('records which rule applied', () => {
    expect(computeEarn({ ...input, rank: gold, campaigns: [double] })).toEqual({
      points: 96,
      basePoints: 32,
      rankId: 'gold',
      rankMultiplier: 2,
      campaignId: 'double-1103',
      campaignMultiplier: 2,
      totalMultiplier: 3,
      rule: '32 pt × (rank gold 2 + campaign double-1103 +1) = 96 pt',
    });
    expect(computeEarn(input).rule).toBe('32 pt × rank regular 1 = 32 pt');
    expect(computeEarn(input)).not.toHaveProperty('campaignId');
  });
});
