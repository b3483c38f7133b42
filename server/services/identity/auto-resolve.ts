import { TenpoError, type MergeRecord } from '../../../src/protocol/index.ts';
import type { SyncServices } from '../sync-push.ts';
import { findCandidates } from './candidates.ts';
import { mergeMembers } from './merge.ts';
import { sweepMergedRecords } from './sweep.ts';

export interface AutoResolveRun {
  merged: MergeRecord[];
  /** Lots that reached merged records after their merge, moved on to the survivors (sweepMergedRecords). */
  swept: number;
  /** Review-band pairs left for HQ's queue. */
  review: number;
}

/** More auto-link pairs than this in one run is a data problem (a shared "verified" phone), not duplicates. */
const MAX_AUTO_PAIRS = 10_000;

/**
 * The resolve job: merges every auto-link pair (the same identifier verified
 * on both records, or the same LINE user), the older member number surviving,
 * and leaves review-band pairs for the HQ queue; then sweeps points that
 * reached merged records late on to their survivors. Each merge is its own write
 * transaction with the key `auto:<survivor>:<merged>`, so a run that stops
 * half way and runs again merges each pair once; a pair whose merge HQ undid
 * is remembered as not the same person and is never proposed again.
 */
export async function autoResolve(services: SyncServices, options: { now?: string } = {}): Promise<AutoResolveRun> {
  const pairs = await findCandidates(services.sql, { band: 'auto-link', limit: MAX_AUTO_PAIRS });
  // Three records of one person make three pairs: after the first merge, the others go to the survivor.
  const survivorOf = new Map<string, { id: string; memberNo: string }>();
  const current = (side: { memberId: string; memberNo: string }) => {
    let at = { id: side.memberId, memberNo: side.memberNo };
    for (let next = survivorOf.get(at.id); next; next = survivorOf.get(at.id)) at = next;
    return at;
  };
  const merged: MergeRecord[] = [];
  for (const pair of pairs) {
    const a = current(pair.a);
    const b = current(pair.b);
    if (a.id === b.id) continue;
    const [survivor, other] = a.memberNo < b.memberNo ? [a, b] : [b, a];
    try {
      const { merge } = await mergeMembers(
        services,
        { idempotencyKey: `auto:${survivor.id}:${other.id}`, survivorNo: survivor.memberNo, mergedNo: other.memberNo, by: 'auto' },
        options,
      );
      merged.push(merge);
      survivorOf.set(other.id, survivor);
    } catch (error) {
      // Someone (HQ, another instance's job) merged one of them meanwhile: the next run sees the new state.
      if (error instanceof TenpoError && error.code === 'member-already-merged') continue;
      throw error;
    }
  }
  const swept = await sweepMergedRecords(services, options);
  const review = (await findCandidates(services.sql, { band: 'review', limit: MAX_AUTO_PAIRS })).length;
  return { merged, swept, review };
}
