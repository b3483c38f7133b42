import type { MergeRecord, PointEntryDraft } from '../../../src/protocol/index.ts';
import { TenpoError } from '../../../src/protocol/index.ts';
import type { Queryable } from '../../store/sql.ts';
import { recordServerAudit } from '../audit.ts';
import { memberProjection, postEntries } from '../ledger.ts';
import type { SyncServices } from '../sync-push.ts';
import { writeTransaction } from '../write-transaction.ts';
import { databaseNow, type MergeOptions } from './merge.ts';
import { mergeById, publicMerge } from './merge-records.ts';

/** Bounds the walk through merge-and-undo renames of one lot; a real history is a handful. */
const MAX_RENAMES = 32;

/**
 * Where a lot the merge gave the survivor is now. It keeps its id unless the
 * survivor was itself merged away and that merge undone since: the lot then
 * came back under the undo's transfer_in id.
 */
async function currentLotId(tx: Queryable, lotId: string, holderId: string): Promise<string> {
  let current = lotId;
  for (let i = 0; i < MAX_RENAMES; i += 1) {
    const { rows } = await tx.query<{ back: string }>(
      `select l.back_in_entry_id as back from member_merge_lots l join member_merges g on g.id = l.merge_id
        where l.source_lot_id = $1 and g.merged_id = $2 and g.undone_at is not null and l.back_in_entry_id is not null
        order by g.undone_at desc limit 1`,
      [current, holderId],
    );
    const back = rows[0]?.back;
    if (back === undefined) return current;
    current = back;
  }
  return current;
}

/**
 * Splits a merge back. Each lot the merge moved goes back to the merged record
 * with the same last usable day, by a transfer_out naming the survivor's lot
 * and a transfer_in on the merged record (`merge:<id>:<n>:back-out|back-in`).
 * `mergedInto` is cleared and the pair is remembered as "not the same person",
 * so neither the review queue nor the resolve job brings it back.
 *
 * What the survivor spent of the moved points is not refused but reported:
 * refusing would leave HQ with a wrong merge it cannot undo (DESIGN.md: what
 * must never happen). What is left of each lot goes back, and the merge
 * records the shortfall, for HQ to settle by an adjustment if it must. A
 * repeated undo answers the merge as it is.
 *
 * The survivor must not itself have been merged into a third member since:
 * that merge took these points along and has to be undone first (409
 * `merge-undo-blocked`).
 */
export async function undoMerge(services: SyncServices, mergeId: string, by: string, options: MergeOptions = {}): Promise<MergeRecord> {
  return writeTransaction(services.sql, services.notifier, async (ctx) => {
    const { tx } = ctx;
    const merge = await mergeById(tx, mergeId);
    if (!merge) throw new TenpoError('not-found', `no merge ${mergeId}`);
    if (merge.undoneAt !== null) return publicMerge(merge);

    const { rows } = await tx.query<{ merged_into: string | null }>('select merged_into from members where id = $1', [merge.survivorId]);
    if (rows[0]?.merged_into) {
      throw new TenpoError('merge-undo-blocked', `member ${merge.survivorNo} has since been merged into another member: undo that merge first`, 409, {
        survivorNo: merge.survivorNo,
      });
    }

    const now = options.now ?? (await databaseNow(tx));
    const held = new Map((await memberProjection(tx, merge.survivorId, now)).lots.map((lot) => [lot.id, lot]));
    const drafts: PointEntryDraft[] = [];
    const back: number[] = [];
    for (const [position, moved] of merge.lots.entries()) {
      const lot = held.get(await currentLotId(tx, moved.inEntryId, merge.survivorId));
      const points = lot && lot.state !== 'expired' ? Math.min(lot.remaining, moved.points) : 0;
      back.push(points);
      if (!lot || points === 0) continue;
      const common = { points, amountYen: 0, channel: lot.channel, shopId: lot.shopId, deviceId: '', staffId: '', createdAt: now };
      const ref = `merge:${merge.id}`;
      drafts.push(
        { ...common, id: `${ref}:${position}:back-out`, memberId: merge.survivorId, type: 'transfer_out', lotId: lot.id, ref },
        {
          ...common,
          id: `${ref}:${position}:back-in`,
          memberId: merge.mergedId,
          type: 'transfer_in',
          lotId: lot.id,
          ...(moved.expiresOn === null ? {} : { expiresOn: moved.expiresOn }),
          ref,
        },
      );
    }
    await postEntries(ctx, drafts, { now });

    for (const [position, points] of back.entries()) {
      await tx.query(
        `update member_merge_lots set back_points = $3,
           back_out_entry_id = case when $3 > 0 then $4 end, back_in_entry_id = case when $3 > 0 then $5 end
         where merge_id = $1 and position = $2`,
        [merge.id, position, points, `merge:${merge.id}:${position}:back-out`, `merge:${merge.id}:${position}:back-in`],
      );
    }
    const shortfall = merge.lots.reduce((sum, lot, i) => sum + lot.points - (back[i] ?? 0), 0);
    await tx.query('update member_merges set undone_at = $2, undone_by = $3, undo_shortfall = $4 where id = $1', [merge.id, now, by, shortfall]);
    await tx.query('update members set merged_into = null, updated_at = $2 where id = $1', [merge.mergedId, now]);
    const [a, b] = merge.survivorId < merge.mergedId ? [merge.survivorId, merge.mergedId] : [merge.mergedId, merge.survivorId];
    await tx.query(
      `insert into identity_dismissals (member_a, member_b, dismissed_by, dismissed_at) values ($1, $2, $3, $4) on conflict do nothing`,
      [a, b, by, now],
    );
    ctx.changed.add('members');
    await recordServerAudit(tx, {
      action: 'merge-undo',
      memberId: merge.survivorId,
      at: now,
      approvedBy: options.approvedBy ?? null,
      detail: { mergeId: merge.id, mergedMemberId: merge.mergedId, by, shortfall },
    });

    const undone = await mergeById(tx, merge.id);
    if (!undone) throw new Error(`merge ${merge.id} vanished`);
    return publicMerge(undone);
  });
}
