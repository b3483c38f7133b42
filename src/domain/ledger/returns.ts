import type { EarnEntry, LedgerEntry, RedeemEntry, ReversalEntry } from './types.ts';

/**
 * What a return or a cancellation posts. The caller adds the id (a fresh
 * idempotency key from the device), time, channel, shop and ref: a return is
 * a new business event, not a replay of the purchase.
 */
export type ReversalDraft = Pick<ReversalEntry, 'type' | 'reverses' | 'reversesType' | 'points'> & {
  readonly amountYen?: number;
};

export interface ReturnRequest {
  /** The member's ledger, or at least every entry with this ref and every reversal of them. */
  readonly entries: readonly LedgerEntry[];
  readonly ref: string;
  /** Return one receipt line (when points were earned per line). */
  readonly line?: string;
  /** Yen returned now, for a partial return of one earn; absent: everything not yet returned. */
  readonly returnedAmountYen?: number;
}

export type ReturnPlan =
  | {
      readonly ok: true;
      /** Reversals of earns: points taken back. */
      readonly takeBack: readonly ReversalDraft[];
      /** Reversals of redemptions: points given back (full cancellation only). */
      readonly giveBack: readonly ReversalDraft[];
      readonly pointsTakenBack: number;
      readonly pointsGivenBack: number;
    }
  | { readonly ok: false; readonly reason: 'no-purchase' | 'ambiguous-line' | 'over-returned' };

interface Reversed {
  points: number;
  amountYen: number;
}

function reversedSoFar(entries: readonly LedgerEntry[], id: string): Reversed {
  const so: Reversed = { points: 0, amountYen: 0 };
  for (const entry of entries) {
    if (entry.type !== 'reversal' || entry.reverses !== id) continue;
    so.points += entry.points;
    so.amountYen += entry.amountYen ?? 0;
  }
  return so;
}

/**
 * Points to take back for an earn after a partial return: the member keeps
 * the share of the points the kept goods earned, floored, and loses the
 * rest. Computed on the total returned so far rather than on this return
 * alone, so several partial returns add up to exactly the points earned
 * and never more, whatever the rounding of each.
 */
function takeBackFor(earn: EarnEntry, so: Reversed, returnedYen: number | undefined): ReversalDraft | 'over-returned' | null {
  const leftToTake = Math.max(0, earn.points - so.points);
  const leftYen = Math.max(0, earn.amountYen - so.amountYen);
  let points = leftToTake;
  let amountYen = leftYen;
  if (returnedYen !== undefined) {
    if (!Number.isInteger(returnedYen) || returnedYen < 0 || returnedYen > leftYen) return 'over-returned';
    const returnedTotal = so.amountYen + returnedYen;
    const kept = earn.amountYen > 0 ? Math.floor((earn.points * (earn.amountYen - returnedTotal)) / earn.amountYen) : 0;
    points = Math.min(leftToTake, Math.max(0, earn.points - kept - so.points));
    amountYen = returnedYen;
  }
  if (points === 0 && amountYen === 0) return null;
  // A return that takes no points back still records its yen, so rank spend and later partial returns see it.
  return { type: 'reversal', reverses: earn.id, reversesType: 'earn', points, amountYen };
}

/**
 * The reversals for a return of a receipt, or of one line of it. A full
 * cancellation of the receipt (no line, no amount) also gives back every
 * point redeemed on it; the projection puts them back into the lots they
 * came from, keeping their original expiry where those lots have not expired.
 *
 * A take-back draft may carry 0 points (a small partial return that cost no
 * point): post it all the same, its yen counts towards later returns.
 */
export function reversalFor(request: ReturnRequest): ReturnPlan {
  const { entries, ref, line, returnedAmountYen } = request;
  const withRef = entries.filter((entry) => entry.ref === ref);
  const earns = withRef.filter((e): e is EarnEntry => e.type === 'earn' && (line === undefined || e.line === line));
  const redeems = withRef.filter((e): e is RedeemEntry => e.type === 'redeem');
  if (earns.length === 0 && (line !== undefined || redeems.length === 0)) return { ok: false, reason: 'no-purchase' };
  if (returnedAmountYen !== undefined && earns.length > 1) return { ok: false, reason: 'ambiguous-line' };

  const takeBack: ReversalDraft[] = [];
  for (const earn of earns) {
    const draft = takeBackFor(earn, reversedSoFar(entries, earn.id), returnedAmountYen);
    if (draft === 'over-returned') return { ok: false, reason: 'over-returned' };
    if (draft) takeBack.push(draft);
  }

  const giveBack: ReversalDraft[] = [];
  if (line === undefined && returnedAmountYen === undefined) {
    for (const redeem of redeems) {
      const points = redeem.points - reversedSoFar(entries, redeem.id).points;
      if (points > 0) giveBack.push({ type: 'reversal', reverses: redeem.id, reversesType: 'redeem', points });
    }
  }
  return {
    ok: true,
    takeBack,
    giveBack,
    pointsTakenBack: takeBack.reduce((sum, d) => sum + d.points, 0),
    pointsGivenBack: giveBack.reduce((sum, d) => sum + d.points, 0),
  };
}
