import { describe, expect, it } from 'vitest';
import { checkOfflineRedeem, offlineRedeemLimit, type OfflineRedeemInput } from '../../../src/domain/ledger/index.ts';

const roomy: OfflineRedeemInput = {
  perTransactionCap: 1_000,
  perMemberDailyOfflineCap: 3_000,
  lastSyncedBalance: 10_000,
  devicePendingSpends: 0,
  todaysOfflineRedeemedForMember: 0,
};

describe('offlineRedeemLimit', () => {
  it.each<[string, Partial<OfflineRedeemInput>, number, string]>([
    ['the per-transaction cap', {}, 1_000, 'per-transaction-cap'],
    ['the daily cap, less what was redeemed offline today', { todaysOfflineRedeemedForMember: 2_400 }, 600, 'daily-offline-cap'],
    ['the synced balance', { lastSyncedBalance: 700 }, 700, 'balance'],
    ['the synced balance less this device’s pending spends', { lastSyncedBalance: 1_500, devicePendingSpends: 1_200 }, 300, 'balance'],
    ['never below zero when pending spends exceed the balance', { lastSyncedBalance: 500, devicePendingSpends: 800 }, 0, 'balance'],
    ['never below zero when the daily cap is used up', { todaysOfflineRedeemedForMember: 3_500 }, 0, 'daily-offline-cap'],
    ['never below zero for an overdrawn member', { lastSyncedBalance: -200 }, 0, 'balance'],
    ['a tie names the balance first', { lastSyncedBalance: 1_000 }, 1_000, 'balance'],
    ['a tie between caps names the daily one', { todaysOfflineRedeemedForMember: 2_000 }, 1_000, 'daily-offline-cap'],
  ])('bound by %s', (_name, overrides, limit, reason) => {
    const input = { ...roomy, ...overrides };
    expect(offlineRedeemLimit(input)).toBe(limit);
    expect(checkOfflineRedeem(limit + 1, input)).toEqual({ ok: false, reason, limit });
    if (limit > 0) expect(checkOfflineRedeem(limit, input)).toEqual({ ok: true, limit });
  });

  it.each([0, -1, 2.5])('refuses %d points as not a redemption', (points) => {
    expect(checkOfflineRedeem(points, roomy)).toEqual({ ok: false, reason: 'not-positive', limit: 1_000 });
  });
});
