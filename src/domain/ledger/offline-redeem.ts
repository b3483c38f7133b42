/**
 * Bounded offline redemption (DESIGN.md "Points (the ledger)"). Offline, a
 * tablet cannot know what other tablets and the EC site did since its last
 * sync, so it caps what it hands out; whatever still overdraws is posted by
 * the server, flagged and paid back from later earnings.
 *
 * The daily cap is per member, but offline a tablet only knows the offline
 * redemptions it has seen (its own, and those synced before it lost the
 * network): two offline tablets can each give the full cap. That is the
 * bounded risk the chain accepts — at most cap × offline tablets per day.
 */
export interface OfflineRedeemInput {
  /** Most points one transaction may redeem offline. */
  readonly perTransactionCap: number;
  /** Most points one member may redeem offline in a JST day. */
  readonly perMemberDailyOfflineCap: number;
  /** The member's redeemable points at the last sync (the projection's `available`, not the raw balance). */
  readonly lastSyncedBalance: number;
  /**
   * Points this device redeemed for the member and has not yet had
   * acknowledged. Pending earns are not added back: an offline earn could
   * still be returned before the server sees it.
   */
  readonly devicePendingSpends: number;
  /** Offline redemptions for this member today that this device knows of. */
  readonly todaysOfflineRedeemedForMember: number;
}

export type OfflineRedeemBound = 'balance' | 'daily-offline-cap' | 'per-transaction-cap';

export interface OfflineRedeemLimit {
  readonly limit: number;
  /** The bound that sets the limit. On a tie, the one the member can act on first: balance, then daily, then per transaction. */
  readonly boundBy: OfflineRedeemBound;
  readonly bounds: Readonly<Record<OfflineRedeemBound, number>>;
}

const BOUND_ORDER: readonly OfflineRedeemBound[] = ['balance', 'daily-offline-cap', 'per-transaction-cap'];

function whole(n: number): number {
  return Number.isFinite(n) ? Math.floor(n) : 0;
}

export function offlineRedeemBounds(input: OfflineRedeemInput): OfflineRedeemLimit {
  const bounds: Record<OfflineRedeemBound, number> = {
    balance: Math.max(0, whole(input.lastSyncedBalance) - whole(input.devicePendingSpends)),
    'daily-offline-cap': Math.max(0, whole(input.perMemberDailyOfflineCap) - whole(input.todaysOfflineRedeemedForMember)),
    'per-transaction-cap': Math.max(0, whole(input.perTransactionCap)),
  };
  let boundBy: OfflineRedeemBound = 'balance';
  for (const bound of BOUND_ORDER) if (bounds[bound] < bounds[boundBy]) boundBy = bound;
  return { limit: bounds[boundBy], boundBy, bounds };
}

/** min(per-transaction cap, remaining daily offline cap, last synced balance − this device's pending spends), never below 0. */
export function offlineRedeemLimit(input: OfflineRedeemInput): number {
  return offlineRedeemBounds(input).limit;
}

export type OfflineRedeemCheck =
  | { readonly ok: true; readonly limit: number }
  | { readonly ok: false; readonly reason: 'not-positive'; readonly limit: number }
  | { readonly ok: false; readonly reason: OfflineRedeemBound; readonly limit: number };

/**
 * Whether a clerk may redeem `points` offline, and if not, which bound said
 * no, so the screen can say why ("offline: at most 500 pt per purchase").
 */
export function checkOfflineRedeem(points: number, input: OfflineRedeemInput): OfflineRedeemCheck {
  const { limit, boundBy } = offlineRedeemBounds(input);
  if (!Number.isInteger(points) || points <= 0) return { ok: false, reason: 'not-positive', limit };
  if (points > limit) return { ok: false, reason: boundBy, limit };
  return { ok: true, limit };
}
