import type { MemberPoints } from '../../db/index.ts';
import { expiringSoon, isPending, shownBalance, type ShownBalance } from '../../domain/balance.ts';
import type { ExpiringSoon } from '../../domain/ledger/index.ts';
import { signedPoints } from '../../domain/points.ts';
import type { PointEntry } from '../../protocol/index.ts';

/** One row of the member's recent activity. */
export interface RecentEntry {
  entry: PointEntry;
  /** Not yet in the server balance (unsent, or posted but the account has not caught up). */
  pending: boolean;
  /** Signed effect on the balance. */
  points: number;
  /** Why the server flagged it (overdraft…); empty when it did not. */
  flags: readonly string[];
  /** Points of this credit that paid back overdraft debt; 0 when none. */
  repaid: number;
  /** Earns only: yen of the purchase not returned yet, as far as this tablet knows. */
  returnableYen: number;
  /** Earns only: the returns of it this tablet knows of (a further return is computed on them). */
  returns: readonly PointEntry[];
  /** History of a record merged into this member (名寄せ): shown, never returned from here. */
  merged: boolean;
}

/** What the counter shows about a member's points, derived from the account and the entries on this tablet. */
export interface MemberLedger {
  balance: ShownBalance;
  rank: string;
  /** Points owed from overdrafts (the server's figure). */
  debt: number;
  expiring: ExpiringSoon;
  recent: RecentEntry[];
}

/** Device time as an instant: the server may spell offsets differently (`Z`, `+00:00`), so strings do not sort. */
function timeOf(entry: PointEntry): number {
  const ms = Date.parse(entry.createdAt);
  return Number.isNaN(ms) ? 0 : ms;
}

/** The returns of each earn, by the earn's id. */
function returnsByEarn(entries: readonly PointEntry[]): Map<string, PointEntry[]> {
  const returns = new Map<string, PointEntry[]>();
  for (const entry of entries) {
    if (entry.type !== 'reversal' || entry.reversesType !== 'earn' || entry.reverses === undefined) continue;
    returns.set(entry.reverses, [...(returns.get(entry.reverses) ?? []), entry]);
  }
  return returns;
}

const NONE: readonly PointEntry[] = [];

export function memberLedger({ account, entries }: MemberPoints, now: string, limit = 5, mergedEntries: readonly PointEntry[] = NONE): MemberLedger {
  const balance = shownBalance(account, entries);
  const returns = returnsByEarn(entries);
  const own = entries.map((entry): RecentEntry => {
    const itsReturns = entry.type === 'earn' ? (returns.get(entry.id) ?? NONE) : NONE;
    const returnedYen = itsReturns.reduce((sum, back) => sum + back.amountYen, 0);
    return {
      entry,
      pending: isPending(entry, account),
      points: signedPoints(entry),
      flags: entry.flags ?? [],
      repaid: entry.repaid ?? 0,
      returnableYen: entry.type === 'earn' ? Math.max(0, entry.amountYen - returnedYen) : 0,
      returns: itsReturns,
      merged: false,
    };
  });
  // The merged records' own transfers are the merge's bookkeeping (the
  // survivor's transfer_in rows already say it); their purchases and
  // redemptions are the member's history. A return of such a purchase belongs
  // to the merged record's ledger, so none is offered here.
  const merged = mergedEntries
    .filter((entry) => entry.type !== 'transfer_in' && entry.type !== 'transfer_out')
    .map((entry): RecentEntry => ({
      entry,
      pending: false,
      points: signedPoints(entry),
      flags: entry.flags ?? [],
      repaid: entry.repaid ?? 0,
      returnableYen: 0,
      returns: NONE,
      merged: true,
    }));
  // Newest first by device time: what a clerk wants is "what just happened at a till".
  const recent = [...own, ...merged].sort((a, b) => timeOf(b.entry) - timeOf(a.entry)).slice(0, limit);
  return {
    balance,
    rank: account?.rank ?? '',
    debt: account?.debt ?? 0,
    expiring: expiringSoon(account, balance.pendingSpends, now),
    recent,
  };
}
