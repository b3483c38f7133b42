import type { Direction, LedgerEntry, LotSource } from './types.ts';

/**
 * The least an entry must say for its sign to be known: its type, and for
 * adjustments and reversals which way they go. Every LedgerEntry is one; so
 * is a wire document once its type-specific field is checked.
 */
export type SignableEntry =
  | { readonly type: Exclude<LedgerEntry['type'], 'adjust' | 'reversal'>; readonly points: number }
  | { readonly type: 'adjust'; readonly direction: Direction; readonly points: number }
  | { readonly type: 'reversal'; readonly reversesType: 'earn' | 'redeem'; readonly points: number };

/**
 * Which way an entry moves the balance. Adjustments say so themselves; a
 * reversal goes against what it reverses (taking back an earn is a debit,
 * giving back a redemption is a credit).
 */
export function direction(entry: SignableEntry): Direction {
  switch (entry.type) {
    case 'earn':
    case 'migration':
    case 'transfer_in':
      return 'credit';
    case 'redeem':
    case 'expire':
    case 'transfer_out':
      return 'debit';
    case 'adjust':
      return entry.direction;
    case 'reversal':
      return entry.reversesType === 'earn' ? 'debit' : 'credit';
  }
}

/** The entry's effect on the balance: +points for credits, −points for debits. */
export function signedPoints(entry: SignableEntry): number {
  return direction(entry) === 'credit' ? entry.points : -entry.points;
}

/**
 * The kind of lot a credit creates, or null for debits. A given-back
 * redemption goes back into the lots it came from where it can (see
 * project.ts); only the rest makes a `restore` lot.
 */
export function lotSource(entry: LedgerEntry): LotSource | null {
  if (direction(entry) === 'debit') return null;
  switch (entry.type) {
    case 'earn':
    case 'migration':
    case 'transfer_in':
    case 'adjust':
      return entry.type;
    case 'reversal':
      return 'restore';
    case 'redeem':
    case 'expire':
    case 'transfer_out':
      return null;
  }
}

/** Earn and redeem are the member's own activity: they extend rolling-from-last-activity expiry. */
export function isActivity(entry: LedgerEntry): boolean {
  return entry.type === 'earn' || entry.type === 'redeem';
}

/**
 * Points are a positive integer, with one exception: the reversal of an earn
 * may carry 0 points when a small partial return costs the member no point.
 * It is still posted, for its returned yen: later partial returns and the
 * rank's spend are computed from the total returned (see returns.ts).
 */
export function hasValidPoints(entry: LedgerEntry): boolean {
  if (!Number.isInteger(entry.points)) return false;
  if (entry.type === 'reversal' && entry.reversesType === 'earn') return entry.points >= 0;
  return entry.points > 0;
}
