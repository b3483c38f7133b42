import type { MergeRecord } from '../../../src/protocol/index.ts';
import type { Queryable } from '../../store/sql.ts';
import { int, isoTime, text, textArray } from '../rows.ts';

/** member_merges and member_merge_lots as the API's Merge document. */

const MERGE_SELECT = `select g.id, g.survivor_id, s.member_no as survivor_no, g.merged_id, d.member_no as merged_no, g.band,
    g.reasons, g.merged_by, g.merged_at, g.undone_by, g.undone_at, g.undo_shortfall, g.idempotency_key
  from member_merges g join members s on s.id = g.survivor_id join members d on d.id = g.merged_id`;

export interface StoredMerge extends MergeRecord {
  idempotencyKey: string;
}

async function lotsOf(tx: Queryable, mergeIds: readonly string[]): Promise<Map<string, MergeRecord['lots']>> {
  const { rows } = await tx.query(
    `select merge_id, source_lot_id, points, to_char(expires_on, 'YYYY-MM-DD') as expires_on, out_entry_id, in_entry_id,
            back_points
       from member_merge_lots where merge_id = any($1::text[]) order by merge_id, position`,
    [mergeIds],
  );
  const lots = new Map<string, MergeRecord['lots']>();
  for (const row of rows) {
    const list = lots.get(text(row.merge_id)) ?? [];
    list.push({
      sourceLotId: text(row.source_lot_id),
      points: int(row.points),
      expiresOn: typeof row.expires_on === 'string' ? row.expires_on : null,
      outEntryId: text(row.out_entry_id),
      inEntryId: text(row.in_entry_id),
      backPoints: row.back_points === null ? null : int(row.back_points),
    });
    lots.set(text(row.merge_id), list);
  }
  return lots;
}

async function mergesWhere(tx: Queryable, where: string, params: unknown[]): Promise<StoredMerge[]> {
  const { rows } = await tx.query(`${MERGE_SELECT} ${where}`, params);
  const lots = await lotsOf(tx, rows.map((row) => text(row.id)));
  return rows.map((row) => ({
    id: text(row.id),
    survivorId: text(row.survivor_id),
    survivorNo: text(row.survivor_no),
    mergedId: text(row.merged_id),
    mergedNo: text(row.merged_no),
    band: text(row.band) as MergeRecord['band'],
    reasons: textArray(row.reasons),
    mergedBy: text(row.merged_by),
    mergedAt: isoTime(row.merged_at),
    undoneBy: row.undone_by === null ? null : text(row.undone_by),
    undoneAt: row.undone_at === null ? null : isoTime(row.undone_at),
    undoShortfall: row.undo_shortfall === null ? null : int(row.undo_shortfall),
    lots: lots.get(text(row.id)) ?? [],
    idempotencyKey: text(row.idempotency_key),
  }));
}

export async function mergeById(tx: Queryable, id: string): Promise<StoredMerge | null> {
  return (await mergesWhere(tx, 'where g.id = $1', [id]))[0] ?? null;
}

export async function mergeByKey(tx: Queryable, key: string): Promise<StoredMerge | null> {
  return (await mergesWhere(tx, 'where g.idempotency_key = $1', [key]))[0] ?? null;
}

/** Recent merges, newest first; with a member number, those it took part in (either side). */
export async function listMerges(tx: Queryable, query: { memberNo?: string | undefined; limit: number }): Promise<MergeRecord[]> {
  const merges =
    query.memberNo === undefined
      ? await mergesWhere(tx, 'order by g.merged_at desc, g.id limit $1', [query.limit])
      : await mergesWhere(tx, 'where s.member_no = $1 or d.member_no = $1 order by g.merged_at desc, g.id limit $2', [
          query.memberNo,
          query.limit,
        ]);
  return merges.map(publicMerge);
}

/** The API document: the idempotency key stays on the server. */
export function publicMerge({ idempotencyKey: _key, ...merge }: StoredMerge): MergeRecord {
  return merge;
}
