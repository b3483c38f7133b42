import type { PointEntryDraft } from '../protocol/documents.ts';
import type { PointsPolicy } from '../protocol/policy.ts';
import type { Campaign } from './ledger/campaigns.ts';
import { computeEarn, type EarnResult } from './ledger/earn.ts';
import { reversalFor, type ReversalDraft } from './ledger/returns.ts';
import { signedPoints as ledgerSignedPoints } from './ledger/entries.ts';
import type { Channel, IsoTime, LedgerEntry } from './ledger/types.ts';

/**
 * The bridge between wire documents (src/protocol) and the ledger's pure rules
 * (src/domain/ledger): the rules take their own entry types, the tablet and
 * the server hold protocol documents. Everything here delegates to the rules.
 */

/** The chain's earn rate when no policy has been synced yet: one point per this many yen. */
export const DEFAULT_YEN_PER_POINT = 100;

/** Points earned on a purchase. Fractions are dropped: points are never rounded up. */
export function pointsForPurchase(amountYen: number, yenPerPoint: number = DEFAULT_YEN_PER_POINT): number {
  if (!Number.isInteger(amountYen) || amountYen < 0) return 0;
  if (!Number.isInteger(yenPerPoint) || yenPerPoint <= 0) throw new RangeError('yenPerPoint must be a positive integer');
  return Math.floor(amountYen / yenPerPoint);
}

/** What the sign of an entry depends on: its type, and for adjustments and reversals which way they go. */
export type SignedInput = Pick<PointEntryDraft, 'type' | 'points'> & Partial<Pick<PointEntryDraft, 'direction' | 'reversesType'>>;

/**
 * How an entry moves the balance, for all eight types (the ledger's rule). An
 * adjustment without a direction or a reversal without the type it reverses
 * has no sign: that throws rather than counting it as 0 and silently leaving
 * it out of a balance. (The protocol schema never lets such an entry in.)
 */
export function signedPoints(entry: SignedInput): number {
  const { type, points } = entry;
  switch (type) {
    case 'adjust':
      if (!entry.direction) throw new RangeError('an adjustment needs a direction');
      return ledgerSignedPoints({ type, points, direction: entry.direction });
    case 'reversal':
      if (!entry.reversesType) throw new RangeError('a reversal needs the type it reverses');
      return ledgerSignedPoints({ type, points, reversesType: entry.reversesType });
    default:
      return ledgerSignedPoints({ type, points });
  }
}

/** A wire entry as the ledger rules read it (protocol draft or posted document). */
export type WireEntry = PointEntryDraft & { at?: IsoTime | undefined };

/**
 * A wire entry in the ledger's own type. The business time is the server's
 * `at` once posted, the writer's clock before (a tablet's own unsent entries).
 * Returns null for an entry the protocol schema would refuse (an adjustment
 * without a direction…), which the rules could not place.
 */
export function toLedgerEntry(entry: WireEntry): LedgerEntry | null {
  const base = {
    id: entry.id,
    points: entry.points,
    at: entry.at ?? entry.createdAt,
    channel: entry.channel satisfies Channel,
    shopId: entry.shopId,
    ref: entry.ref,
  };
  const expiresOn = entry.expiresOn === undefined ? {} : { expiresOn: entry.expiresOn };
  switch (entry.type) {
    case 'earn':
      return { ...base, type: 'earn', amountYen: entry.amountYen, ...expiresOn, ...(entry.line === undefined ? {} : { line: entry.line }) };
    case 'redeem':
      return { ...base, type: entry.type };
    case 'transfer_out':
      return { ...base, type: entry.type, ...(entry.lotId === undefined ? {} : { lotId: entry.lotId }) };
    case 'migration':
    case 'transfer_in':
      return { ...base, type: entry.type, ...expiresOn };
    case 'adjust':
      return entry.direction ? { ...base, type: 'adjust', direction: entry.direction, ...expiresOn } : null;
    case 'expire':
      return entry.lotId !== undefined && entry.expiresOn !== undefined
        ? { ...base, type: 'expire', lotId: entry.lotId, expiresOn: entry.expiresOn }
        : null;
    case 'reversal':
      return entry.reverses !== undefined && entry.reversesType !== undefined
        ? { ...base, type: 'reversal', reverses: entry.reverses, reversesType: entry.reversesType, amountYen: entry.amountYen }
        : null;
  }
}

export function toLedgerEntries(entries: readonly WireEntry[]): LedgerEntry[] {
  return entries.flatMap((entry) => {
    const ledgerEntry = toLedgerEntry(entry);
    return ledgerEntry ? [ledgerEntry] : [];
  });
}

export interface StoreEarnInput {
  readonly policy: PointsPolicy;
  /** The member's rank id (point_accounts.rank); an id the policy does not list earns at the lowest rank. */
  readonly rankId: string;
  readonly amountYen: number;
  readonly shopId: string;
  readonly at: IsoTime;
}

/**
 * Points for a purchase at a shop counter under the chain's policy: rank
 * multiplier and the best campaign (computeEarn). The preview and the entry
 * written both come from here, so the clerk sees what is recorded.
 */
export function earnAtStore(input: StoreEarnInput): EarnResult {
  const { policy } = input;
  const rank = policy.ranks.find((tier) => tier.id === input.rankId) ?? policy.ranks[0] ?? { id: input.rankId, multiplier: 1 };
  return computeEarn({
    amountYen: input.amountYen,
    yenPerPoint: policy.yenPerPoint,
    rank,
    campaigns: campaignsOf(policy),
    channel: 'store',
    shopId: input.shopId,
    at: input.at,
  });
}

/** The policy's campaigns as the rules type them (absent lists stay absent rather than `undefined`). */
export function campaignsOf(policy: PointsPolicy): Campaign[] {
  return policy.campaigns.map(({ shopIds, rankIds, ...campaign }) => ({
    ...campaign,
    ...(shopIds === undefined ? {} : { shopIds }),
    ...(rankIds === undefined ? {} : { rankIds }),
  }));
}

export type EarnReturnPlan =
  | { readonly ok: true; readonly draft: ReversalDraft & { readonly amountYen: number } }
  | { readonly ok: false; readonly reason: 'not-an-earn' | 'over-returned' | 'nothing-to-return' };

/**
 * The reversal a return of goods bought with one earn posts (reversalFor),
 * computed on everything already returned of that earn among `entries`, so
 * partial returns never add up to more than was earned. Only that earn and
 * its reversals are considered: a receipt number may be blank or shared by
 * several purchases, and points redeemed on the receipt are not given back
 * (a cancellation is another operation). The preview and the write both use it.
 */
export function planEarnReturn(earn: WireEntry, entries: readonly WireEntry[], returnedAmountYen?: number): EarnReturnPlan {
  if (earn.type !== 'earn') return { ok: false, reason: 'not-an-earn' };
  const related = entries.filter((entry) => entry.id !== earn.id && entry.type === 'reversal' && entry.reverses === earn.id);
  const plan = reversalFor({
    entries: toLedgerEntries([earn, ...related]),
    ref: earn.ref,
    ...(returnedAmountYen === undefined ? {} : { returnedAmountYen }),
  });
  if (!plan.ok) return { ok: false, reason: plan.reason === 'over-returned' ? 'over-returned' : 'not-an-earn' };
  const [draft] = plan.takeBack;
  if (!draft) return { ok: false, reason: 'nothing-to-return' };
  return { ok: true, draft: { ...draft, amountYen: draft.amountYen ?? 0 } };
}
