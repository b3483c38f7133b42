import type { PointAccount, PointEntry } from '../protocol/documents.ts';
import type { PointsPolicy } from '../protocol/policy.ts';
import { jstDate } from './ledger/calendar.ts';
import { expiringWithin, type ExpiringSoon } from './ledger/expiries.ts';
import { offlineRedeemBounds, type OfflineRedeemBound } from './ledger/offline-redeem.ts';
import type { IsoTime, Lot } from './ledger/types.ts';
import { signedPoints } from './points.ts';

/**
 * What the counter shows about a member's points: the server's projection
 * (point_accounts) plus what this tablet knows the server has not counted yet.
 */
export interface ShownBalance {
  /** What the clerk tells the member: server balance + entries the server has not counted yet. */
  total: number;
  /** The server's posted balance (negative while an overdraft is unpaid). */
  posted: number;
  /** Sum of entries not yet included in the server balance. */
  pending: number;
  pendingCount: number;
  /**
   * Redeemable now: the server's `available` less pending spends. Pending
   * credits are not added: an unsent earn may still be returned, and points
   * the server has not vested cannot be spent.
   */
  available: number;
  /** Points pending debits will take from `available` (redemptions, returns of posted earns). */
  pendingSpends: number;
}

/**
 * An entry is pending while the server balance does not include it: it has no
 * posting number yet (not acknowledged), or its posting number is above the
 * account's `postedThrough` (posted, but the account update has not arrived).
 * Using posting numbers rather than "has it synced" keeps the figure right in
 * the moment between an entry arriving and its account arriving.
 */
export function isPending(entry: Pick<PointEntry, 'postingNo'>, account: Pick<PointAccount, 'postedThrough'> | null): boolean {
  if (entry.postingNo === undefined) return true;
  return entry.postingNo > (account?.postedThrough ?? 0);
}

/**
 * Points a pending debit takes from what the member can spend. A return of an
 * earn that is itself still pending takes back points that never reached
 * `available`, so it takes nothing from it.
 */
function spendOf(entry: PointEntry, pendingIds: ReadonlySet<string>): number {
  const signed = signedPoints(entry);
  if (signed >= 0) return 0;
  if (entry.type === 'reversal' && entry.reverses !== undefined && pendingIds.has(entry.reverses)) return 0;
  return -signed;
}

export function shownBalance(account: PointAccount | null, entries: readonly PointEntry[]): ShownBalance {
  const posted = account?.balance ?? 0;
  const pendingEntries = entries.filter((entry) => isPending(entry, account));
  const pendingIds = new Set(pendingEntries.map((entry) => entry.id));
  let pending = 0;
  let pendingSpends = 0;
  for (const entry of pendingEntries) {
    pending += signedPoints(entry);
    pendingSpends += spendOf(entry, pendingIds);
  }
  return {
    total: posted + pending,
    posted,
    pending,
    pendingCount: pendingEntries.length,
    available: Math.max(0, (account?.available ?? 0) - pendingSpends),
    pendingSpends,
  };
}

/**
 * Points expiring within `days` (JST) from the account's lot summary. Pending
 * spends come off the soonest-expiring lots first, as the server will take
 * them (redemption consumes the soonest-expiring lot first).
 */
export function expiringSoon(account: PointAccount | null, pendingSpends: number, now: IsoTime, days = 30): ExpiringSoon {
  let spend = Math.max(0, pendingSpends);
  const lots: Lot[] = [];
  for (const [index, summary] of (account?.lots ?? []).entries()) {
    const used = Math.min(spend, summary.points);
    spend -= used;
    if (summary.points - used > 0) lots.push(summaryLot(index, summary.expiresOn, summary.points - used));
  }
  return expiringWithin(lots, now, days);
}

/**
 * The account carries a per-date summary, not the lots themselves;
 * expiringWithin reads only `remaining` and `expiresOn`, so the rest is filler.
 */
function summaryLot(index: number, expiresOn: string | null, points: number): Lot {
  return {
    id: `summary-${index}`,
    sourceEntryId: '',
    source: 'earn',
    channel: 'store',
    shopId: '',
    points,
    remaining: points,
    earnedAt: '',
    vestsAt: '',
    expiresOn,
    expiresAt: null,
    state: 'available',
  };
}

/** Offline redemptions this tablet knows of for the member on the JST day of `now`. */
export function offlineRedeemedOn(entries: readonly PointEntry[], now: IsoTime): number {
  const today = jstDate(now);
  let points = 0;
  for (const entry of entries) {
    if (entry.type === 'redeem' && entry.offline === true && jstDate(entry.at ?? entry.createdAt) === today) points += entry.points;
  }
  return points;
}

export type RedeemBound = OfflineRedeemBound | 'online';

export interface RedeemLimit {
  /** The most points the clerk may redeem now, never below 0. */
  readonly limit: number;
  /** What sets it: the member's points while online, else the offline bound that bites. */
  readonly bound: RedeemBound;
}

export interface RedeemLimitInput {
  /** The tablet cannot reach the server: what it knows of the member may be stale. */
  readonly offline: boolean;
  readonly account: PointAccount | null;
  readonly entries: readonly PointEntry[];
  readonly policy: Pick<PointsPolicy, 'offline'>;
  readonly now: IsoTime;
}

/**
 * The redemption limit at the counter. Online: the shown available points.
 * Offline: also capped per transaction and per member per day (DESIGN.md
 * "Points"), because other tablets and the EC site may have spent the same
 * points since the last sync; whatever still overdraws is posted and flagged.
 */
export function redeemLimit(input: RedeemLimitInput): RedeemLimit {
  const { available, pendingSpends } = shownBalance(input.account, input.entries);
  if (!input.offline) return { limit: available, bound: 'online' };
  const { limit, boundBy } = offlineRedeemBounds({
    perTransactionCap: input.policy.offline.perTransactionCap,
    perMemberDailyOfflineCap: input.policy.offline.perMemberDailyOfflineCap,
    lastSyncedBalance: input.account?.available ?? 0,
    devicePendingSpends: pendingSpends,
    todaysOfflineRedeemedForMember: offlineRedeemedOn(input.entries, input.now),
  });
  return { limit, bound: boundBy };
}
