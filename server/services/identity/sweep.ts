import type { SyncServices } from '../sync-push.ts';
import { writeTransaction } from '../write-transaction.ts';
import { databaseNow, type MergeOptions } from './merge.ts';
import { moveLots } from './move-lots.ts';

/**
 * Points that reach a merged record after its merge — an entry a tablet made
 * offline on the old number before it heard of the merge, posted at its next
 * sync — are moved on to the survivor the same way the merge moved the rest,
 * as further lots of the same merge (so its undo takes them back too). Oldest
 * merges first, so a chain (A into B, later B into C) carries them all the way.
 * Returns how many lots moved.
 */
export async function sweepMergedRecords(services: SyncServices, options: MergeOptions = {}): Promise<number> {
  const { rows } = await services.sql.query<{ id: string }>(
    `select g.id from member_merges g join point_accounts a on a.member_id = g.merged_id
      where g.undone_at is null and a.balance > 0 order by g.merged_at, g.id`,
  );
  let moved = 0;
  for (const { id } of rows) {
    moved += await writeTransaction(services.sql, services.notifier, async (ctx) => {
      // Under the write lock: the merge may have been undone since the list was read.
      const { rows: live } = await ctx.tx.query<{ survivor_id: string; merged_id: string; next: number }>(
        `select survivor_id, merged_id, (select coalesce(max(position) + 1, 0) from member_merge_lots where merge_id = g.id)::int as next
           from member_merges g where id = $1 and undone_at is null`,
        [id],
      );
      const merge = live[0];
      if (!merge) return 0;
      const now = options.now ?? (await databaseNow(ctx.tx));
      return moveLots(ctx, { mergeId: id, fromId: merge.merged_id, toId: merge.survivor_id, firstPosition: Number(merge.next), now });
    });
  }
  return moved;
}
