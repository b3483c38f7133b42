import type { LedgerEntry, LedgerPolicy } from '../../src/domain/ledger/index.ts';
import { toLedgerEntry as wireToLedger } from '../../src/domain/points.ts';
import type { PointEntryDraft, PointsPolicy } from '../../src/protocol/index.ts';

/** A draft with the business time the server gave it: all the domain rules need. */
export type TimedDraft = PointEntryDraft & { at: string };

/** The part of the chain's policy the projection reads. */
export function ledgerPolicy(policy: PointsPolicy): LedgerPolicy {
  return { expiry: policy.expiry, vestingDays: policy.vestingDays };
}

/**
 * The wire entry as the domain's LedgerEntry, through the same bridge the
 * tablet uses (src/domain/points.ts). Where the tablet skips an entry the
 * rules cannot place, the server refuses it: a posted entry without its
 * type's fields is corruption, and leaving it out would move a balance.
 */
export function toLedgerEntry(entry: TimedDraft): LedgerEntry {
  const ledgerEntry = wireToLedger(entry);
  if (!ledgerEntry) throw new Error(`point entry ${entry.id} (${entry.type}) lacks the fields its type needs`);
  return ledgerEntry;
}
