/**
 * The points ledger's rules, pure and shared: the tablet runs them
 * optimistically, the server runs the same code as the authority.
 */
export * from './types.ts';
export { direction, hasValidPoints, isActivity, lotSource, signedPoints, type SignableEntry } from './entries.ts';
export { addDays, addMonths, daysInMonth, endOfDay, jstDate, startOfDay } from './calendar.ts';
export { project } from './project.ts';
export { dueExpiries, expireEntryFor, expiringWithin, expiryKey, type ExpiringSoon } from './expiries.ts';
export {
  DEFAULT_RANKS,
  checkRankTable,
  computeRank,
  rankFor,
  spendRecords,
  trailingSpend,
  type RankResult,
  type RankTable,
  type RankTier,
  type SpendRecord,
} from './rank.ts';
export { campaignApplies, pickCampaign, type Campaign, type PurchaseContext } from './campaigns.ts';
export { computeEarn, type EarnInput, type EarnResult } from './earn.ts';
export {
  checkOfflineRedeem,
  offlineRedeemBounds,
  offlineRedeemLimit,
  type OfflineRedeemBound,
  type OfflineRedeemCheck,
  type OfflineRedeemInput,
  type OfflineRedeemLimit,
} from './offline-redeem.ts';
export { reversalFor, type ReturnPlan, type ReturnRequest, type ReversalDraft } from './returns.ts';
