import type { LedgerEntry, LedgerPolicy, Lot } from '../../src/domain/ledger/index.ts';
import { addMonths, jstDate, project, signedPoints, startOfDay } from '../../src/domain/ledger/index.ts';
import type { CloseEntry, CloseSnapshot } from '../../src/protocol/index.ts';

/**
 * The figures of a month-end close (月末締め), as a pure function of the
 * ledger up to a posting number, so the close is reproducible and testable
 * without a database.
 *
 * Which period an entry belongs to. Closed periods form a prefix of time:
 * closing M closes everything up to the end of M. An entry belongs to the
 * FIRST close (in month order) whose month is at or after the JST month of
 * its business time (`at`) AND whose posted-through number is at or above its
 * posting number. So an entry counts in the month of its business time when
 * it was posted before that month was closed, and otherwise — a late entry,
 * e.g. from a tablet that was offline across the close — in the first close
 * after its posting, which lists it as late. A closed snapshot never changes.
 * The first close ever takes everything before its month as its opening
 * balance.
 */

export interface PriorClose {
  month: string;
  postedThrough: number;
}

export interface CloseLedgerEntry {
  entry: LedgerEntry;
  memberId: string;
  memberNo: string;
  deviceId: string;
  postedAt: string;
  postingNo: number;
  flags: readonly string[];
}

export interface SnapshotInput {
  month: string;
  /** Earlier closes, oldest first. */
  prior: readonly PriorClose[];
  /** The highest posting number this close considers. */
  postedThrough: number;
  /** Every posted entry up to postedThrough, in posting order. */
  entries: readonly CloseLedgerEntry[];
  policy: LedgerPolicy;
}

export function monthOf(time: string): string {
  return jstDate(time).slice(0, 7);
}

export function nextMonth(month: string): string {
  return addMonths(`${month}-01`, 1).slice(0, 7);
}

/** The JST month as instants: [start, end). */
export function monthBounds(month: string): { start: number; end: number } {
  return { start: startOfDay(`${month}-01`), end: startOfDay(addMonths(`${month}-01`, 1)) };
}

function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

type Owner = 'earlier' | 'this' | 'later';

function ownerOf(e: CloseLedgerEntry, input: SnapshotInput): Owner {
  const businessMonth = monthOf(e.entry.at);
  if (input.prior.some((c) => e.postingNo <= c.postedThrough && businessMonth <= c.month)) return 'earlier';
  // The first close: the history before its month is its opening balance, not its movement.
  if (input.prior.length === 0 && businessMonth < input.month) return 'earlier';
  return businessMonth <= input.month ? 'this' : 'later';
}

/**
 * Lot age in whole calendar months from the JST month the lot was credited to
 * the closed month (a lot earned in the closed month is 0 months old), in
 * buckets [0, 3), [3, 6), [6, 12), [12, ∞).
 */
export function lotAgeBucket(lot: Pick<Lot, 'earnedAt'>, month: string): keyof CloseSnapshot['outstanding']['byLotAge'] {
  const age = monthIndex(month) - monthIndex(monthOf(lot.earnedAt));
  if (age < 3) return '0-3m';
  if (age < 6) return '3-6m';
  if (age < 12) return '6-12m';
  return '12m+';
}

const MOVEMENT_KEYS = {
  earn: 'earned',
  redeem: 'redeemed',
  expire: 'expired',
  migration: 'migrated',
  transfer_in: 'transferredIn',
  transfer_out: 'transferredOut',
} as const;

type Movement = CloseSnapshot['movement'];

function addMovement(movement: Movement, entry: LedgerEntry): void {
  switch (entry.type) {
    case 'reversal':
      if (entry.reversesType === 'earn') movement.earnReversed += entry.points;
      else movement.redeemReversed += entry.points;
      break;
    case 'adjust':
      if (entry.direction === 'credit') movement.adjustedCredit += entry.points;
      else movement.adjustedDebit += entry.points;
      break;
    default:
      movement[MOVEMENT_KEYS[entry.type]] += entry.points;
  }
  movement.net += signedPoints(entry);
}

function closeEntry(e: CloseLedgerEntry): CloseEntry {
  return {
    entryId: e.entry.id,
    memberNo: e.memberNo,
    type: e.entry.type,
    points: e.entry.points,
    signedPoints: signedPoints(e.entry),
    channel: e.entry.channel,
    shopId: e.entry.shopId,
    deviceId: e.deviceId,
    businessMonth: monthOf(e.entry.at),
    at: e.entry.at,
    postedAt: e.postedAt,
    postingNo: e.postingNo,
  };
}

/**
 * Redemption rate: points redeemed in the month net of redemptions given back
 * on cancelled purchases, divided by points earned in the month net of points
 * taken back on returns; both only from the month's earn/redeem entries and
 * their reversals (migrated, transferred and adjusted points are neither
 * earned nor redeemed). Rounded to 4 decimals; null when net earned is not
 * positive (a rate would be meaningless).
 */
export function redemptionRate(m: Pick<Movement, 'earned' | 'earnReversed' | 'redeemed' | 'redeemReversed'>): number | null {
  const earned = m.earned - m.earnReversed;
  if (earned <= 0) return null;
  return Math.round(((m.redeemed - m.redeemReversed) / earned) * 10_000) / 10_000;
}

export function buildSnapshot(input: SnapshotInput): CloseSnapshot {
  const { month } = input;
  const bounds = monthBounds(month);
  const previous = input.prior.at(-1) ?? null;
  const movement: Movement = {
    earned: 0,
    redeemed: 0,
    expired: 0,
    earnReversed: 0,
    redeemReversed: 0,
    adjustedCredit: 0,
    adjustedDebit: 0,
    migrated: 0,
    transferredIn: 0,
    transferredOut: 0,
    net: 0,
  };
  const earnedByChannel = { store: 0, ec: 0 };
  let opening = 0;
  const late: CloseEntry[] = [];
  const overdrafts: CloseEntry[] = [];
  const ledgers = new Map<string, LedgerEntry[]>();

  for (const e of input.entries) {
    const owner = ownerOf(e, input);
    if (owner === 'later') continue;
    const ledger = ledgers.get(e.memberId) ?? [];
    ledger.push(e.entry);
    ledgers.set(e.memberId, ledger);
    if (owner === 'earlier') {
      opening += signedPoints(e.entry);
      continue;
    }
    addMovement(movement, e.entry);
    if (e.entry.type === 'earn') earnedByChannel[e.entry.channel] += e.entry.points;
    if (previous && monthOf(e.entry.at) <= previous.month) late.push(closeEntry(e));
    if (e.flags.includes('overdraft')) overdrafts.push(closeEntry(e));
  }

  return {
    month,
    periodStart: new Date(bounds.start).toISOString(),
    periodEnd: new Date(bounds.end).toISOString(),
    previousMonth: previous?.month ?? null,
    postedThrough: input.postedThrough,
    opening,
    movement,
    earnedByChannel,
    redemptionRate: redemptionRate(movement),
    outstanding: outstandingAt(ledgers, input.policy, month, new Date(bounds.end).toISOString()),
    flaggedOverdrafts: { count: overdrafts.length, points: sum(overdrafts), entries: overdrafts },
    late: { count: late.length, points: late.reduce((total, e) => total + e.signedPoints, 0), entries: late },
  };
}

function sum(entries: readonly CloseEntry[]): number {
  return entries.reduce((total, e) => total + e.points, 0);
}

/**
 * Balances and lots at the end of the month: each member's ledger of the
 * closed periods projected at the instant the month ends. Lots still holding
 * points all count, expired ones whose expire entry is not posted yet too:
 * they are still on the ledger, and the expiry-month breakdown shows them.
 */
function outstandingAt(ledgers: ReadonlyMap<string, readonly LedgerEntry[]>, policy: LedgerPolicy, month: string, end: string): CloseSnapshot['outstanding'] {
  const out: CloseSnapshot['outstanding'] = {
    points: 0,
    lotPoints: 0,
    debt: 0,
    members: 0,
    byLotAge: { '0-3m': 0, '3-6m': 0, '6-12m': 0, '12m+': 0 },
    byExpiryMonth: [],
    byChannel: { store: 0, ec: 0 },
  };
  const byExpiry = new Map<string | null, number>();
  for (const entries of ledgers.values()) {
    const projection = project(entries, policy, end);
    out.points += projection.balance;
    out.debt += projection.debt;
    if (projection.balance !== 0) out.members += 1;
    for (const lot of projection.lots) {
      if (lot.remaining <= 0) continue;
      out.lotPoints += lot.remaining;
      out.byLotAge[lotAgeBucket(lot, month)] += lot.remaining;
      out.byChannel[lot.channel] += lot.remaining;
      const expiryMonth = lot.expiresOn?.slice(0, 7) ?? null;
      byExpiry.set(expiryMonth, (byExpiry.get(expiryMonth) ?? 0) + lot.remaining);
    }
  }
  // Soonest first; never-expiring points last.
  out.byExpiryMonth = [...byExpiry.entries()]
    .sort(([a], [b]) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1))
    .map(([expiry, points]) => ({ month: expiry, points }));
  return out;
}
