import { shownBalance, type RedeemLimitInput } from './balance.ts';

/**
 * Issue 6: offline, a manager's approval lifts the per-transaction and daily
 * offline caps for one redemption, not the member's points: the limit is the
 * last synced available balance less this device's pending spends, as the
 * offline balance bound (DESIGN.md "Points"). An overdraft that other tablets
 * cause meanwhile is still posted and flagged by the server.
 */
export function approvedOfflineRedeemLimit(input: Pick<RedeemLimitInput, 'account' | 'entries'>): number {
  return shownBalance(input.account, input.entries).available;
}
