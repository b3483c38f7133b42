import { describe, expect, it } from 'vitest';
import { earnAtStore, planEarnReturn, pointsForPurchase, signedPoints, toLedgerEntry, type WireEntry } from '../../src/domain/points.ts';
import { DEFAULT_POINTS_POLICY, POINT_ENTRY_TYPES, type PointsPolicy } from '../../src/protocol/index.ts';

describe('pointsForPurchase', () => {
  it('gives one point per 100 yen by default, dropping fractions', () => {
    expect(pointsForPurchase(0)).toBe(0);
    expect(pointsForPurchase(99)).toBe(0);
    expect(pointsForPurchase(100)).toBe(1);
    expect(pointsForPurchase(3_299)).toBe(32);
  });

  it('follows the configured rate', () => {
    expect(pointsForPurchase(1_000, 200)).toBe(5);
  });

  it('gives nothing for amounts that are not whole non-negative yen', () => {
    expect(pointsForPurchase(-500)).toBe(0);
    expect(pointsForPurchase(150.5)).toBe(0);
  });

  it('refuses a nonsensical rate', () => {
    expect(() => pointsForPurchase(1_000, 0)).toThrow(RangeError);
  });
});

describe('signedPoints', () => {
  it.each<[string, Parameters<typeof signedPoints>[0], number]>([
    ['an earn adds', { type: 'earn', points: 30 }, 30],
    ['a redemption subtracts', { type: 'redeem', points: 30 }, -30],
    ['an expiry subtracts', { type: 'expire', points: 30 }, -30],
    ['a credit adjustment adds', { type: 'adjust', points: 30, direction: 'credit' }, 30],
    ['a debit adjustment subtracts', { type: 'adjust', points: 30, direction: 'debit' }, -30],
    ['a return of an earn takes back', { type: 'reversal', points: 30, reversesType: 'earn' }, -30],
    ['a refund of a redemption gives back', { type: 'reversal', points: 30, reversesType: 'redeem' }, 30],
    ['a migrated card adds', { type: 'migration', points: 30 }, 30],
    ['a merge adds to the survivor', { type: 'transfer_in', points: 30 }, 30],
    ['a merge takes from the merged', { type: 'transfer_out', points: 30 }, -30],
  ])('%s', (_name, entry, expected) => {
    expect(signedPoints(entry)).toBe(expected);
  });

  it('has a rule for every entry type of the protocol', () => {
    const extra = { direction: 'credit', reversesType: 'earn' } as const;
    for (const type of POINT_ENTRY_TYPES) expect(Math.abs(signedPoints({ type, points: 7, ...extra }))).toBe(7);
  });

  it('refuses to guess the sign of an adjustment or reversal missing its direction', () => {
    expect(() => signedPoints({ type: 'adjust', points: 5 })).toThrow(RangeError);
    expect(() => signedPoints({ type: 'reversal', points: 5 })).toThrow(RangeError);
  });
});

describe('toLedgerEntry', () => {
  const wire: WireEntry = {
    id: 'e-00000001',
    memberId: 'm1',
    type: 'earn',
    points: 32,
    amountYen: 3_280,
    channel: 'store',
    shopId: 'shop-shibuya',
    deviceId: 'd1',
    staffId: '',
    ref: 'R-1',
    createdAt: '2026-11-03T10:00:00.000+09:00',
  };

  it('uses the writer’s clock until the server gives the business time', () => {
    expect(toLedgerEntry(wire)).toMatchObject({ type: 'earn', at: wire.createdAt, amountYen: 3_280, ref: 'R-1' });
    expect(toLedgerEntry({ ...wire, at: '2026-11-03T10:00:05.000+09:00' })?.at).toBe('2026-11-03T10:00:05.000+09:00');
  });

  it('carries a reversal’s target and returned yen', () => {
    const reversal = toLedgerEntry({ ...wire, id: 'r-00000001', type: 'reversal', points: 10, amountYen: 1_000, reverses: wire.id, reversesType: 'earn' });
    expect(reversal).toMatchObject({ type: 'reversal', reverses: wire.id, reversesType: 'earn', amountYen: 1_000 });
  });

  it('gives null for an entry missing its own fields rather than a guess', () => {
    expect(toLedgerEntry({ ...wire, type: 'adjust' })).toBeNull();
    expect(toLedgerEntry({ ...wire, type: 'expire' })).toBeNull();
    expect(toLedgerEntry({ ...wire, type: 'reversal' })).toBeNull();
  });
});

describe('earnAtStore', () => {
  const policy: PointsPolicy = {
    ...DEFAULT_POINTS_POLICY,
    campaigns: [
      { id: 'dbl-1103', name: '2倍デー', multiplier: 2, from: '2026-11-03', to: '2026-11-03', channel: 'both' },
      { id: 'ec-only', name: 'EC', multiplier: 5, from: '2026-11-01', to: '2026-11-30', channel: 'ec' },
      { id: 'ginza', name: '銀座', multiplier: 3, from: '2026-11-01', to: '2026-11-30', channel: 'store', shopIds: ['shop-ginza'] },
    ],
  };
  const purchase = { policy, amountYen: 3_280, shopId: 'shop-shibuya', at: '2026-11-03T10:00:00+09:00' };

  it('applies the member’s rank and the day’s store campaign, and says which', () => {
    const earn = earnAtStore({ ...purchase, rankId: 'gold' });
    expect(earn).toMatchObject({ points: 96, basePoints: 32, rankId: 'gold', campaignId: 'dbl-1103' });
    expect(earn.rule).toContain('dbl-1103');
  });

  it('ignores EC-only campaigns and other shops’ campaigns at this counter', () => {
    expect(earnAtStore({ ...purchase, rankId: 'regular', at: '2026-11-04T10:00:00+09:00' })).toMatchObject({ points: 32 });
    expect(earnAtStore({ ...purchase, rankId: 'regular', shopId: 'shop-ginza', at: '2026-11-04T10:00:00+09:00' })).toMatchObject({
      points: 96,
      campaignId: 'ginza',
    });
  });

  it('earns at the lowest rank when the member’s rank is unknown here', () => {
    expect(earnAtStore({ ...purchase, rankId: '', at: '2026-11-04T10:00:00+09:00' })).toMatchObject({ rankId: 'regular', points: 32 });
    expect(earnAtStore({ ...purchase, rankId: 'platinum', at: '2026-11-04T10:00:00+09:00' })).toMatchObject({ rankId: 'regular' });
  });

  it('follows the synced earn rate', () => {
    expect(earnAtStore({ ...purchase, policy: { ...policy, yenPerPoint: 200, campaigns: [] }, rankId: 'regular' }).points).toBe(16);
  });
});

describe('planEarnReturn', () => {
  const earn: WireEntry = {
    id: 'earn-0001',
    memberId: 'm1',
    type: 'earn',
    points: 64,
    amountYen: 3_280,
    channel: 'store',
    shopId: 'shop-shibuya',
    deviceId: 'd1',
    staffId: '',
    ref: 'R-0042',
    createdAt: '2026-11-03T10:00:00.000+09:00',
  };
  const back = (id: string, points: number, amountYen: number): WireEntry => ({
    ...earn,
    id,
    type: 'reversal',
    reverses: earn.id,
    reversesType: 'earn',
    points,
    amountYen,
  });

  it('takes back everything still standing on a full return', () => {
    expect(planEarnReturn(earn, [earn])).toEqual({
      ok: true,
      draft: { type: 'reversal', reverses: earn.id, reversesType: 'earn', points: 64, amountYen: 3_280 },
    });
  });

  it('takes back the share of points the returned yen earned, on the total returned so far', () => {
    const first = planEarnReturn(earn, [earn], 1_000);
    expect(first).toMatchObject({ ok: true, draft: { points: 20, amountYen: 1_000 } });
    const second = planEarnReturn(earn, [earn, back('back-0001', 20, 1_000)], 2_280);
    expect(second).toMatchObject({ ok: true, draft: { points: 44, amountYen: 2_280 } });
  });

  it('refuses more yen than is left to return', () => {
    expect(planEarnReturn(earn, [earn, back('back-0001', 20, 1_000)], 2_281)).toEqual({ ok: false, reason: 'over-returned' });
  });

  it('has nothing to take back once fully returned', () => {
    expect(planEarnReturn(earn, [earn, back('back-0001', 64, 3_280)])).toEqual({ ok: false, reason: 'nothing-to-return' });
  });

  it('considers only this earn, even when other purchases share (or lack) its receipt number', () => {
    const other = { ...earn, id: 'earn-0002', points: 10, amountYen: 1_000 };
    expect(planEarnReturn(earn, [earn, other], 1_000)).toMatchObject({ ok: true, draft: { reverses: earn.id, points: 20 } });
    const blank = { ...earn, ref: '' };
    expect(planEarnReturn(blank, [blank, { ...other, ref: '' }])).toMatchObject({ ok: true, draft: { points: 64 } });
  });

  it('is not a return of anything but an earn', () => {
    expect(planEarnReturn({ ...earn, type: 'redeem' }, [])).toEqual({ ok: false, reason: 'not-an-earn' });
  });
});
