import { signedPoints } from '../../../src/domain/points.ts';
import type { MemberHistory } from '../../../src/protocol/index.ts';
import type { Queryable } from '../../store/sql.ts';
import { POINT_ENTRY_COLUMNS, pointEntryDocument } from '../documents.ts';
import { text } from '../rows.ts';
import { mergedGroupIds, resolveMemberByNo } from './resolve.ts';

/**
 * A member's points history, re-pointed by 名寄せ: the entries of the
 * survivor and of every record merged into it (entries stay on the record
 * they were posted on; the ledger is append-only), newest first. The merge's
 * own transfer rows are listed too, so the history adds up. An old number
 * answers with its survivor's history. Null for an unknown number.
 */
export async function memberHistory(tx: Queryable, memberNo: string, limit: number): Promise<MemberHistory | null> {
  const resolved = await resolveMemberByNo(tx, memberNo);
  if (!resolved) return null;
  const ids = await mergedGroupIds(tx, resolved.member.id);
  const { rows: numbers } = await tx.query('select id, member_no from members where id = any($1::text[])', [ids]);
  const noOf = new Map(numbers.map((row) => [text(row.id), text(row.member_no)]));
  const { rows } = await tx.query(
    `select ${POINT_ENTRY_COLUMNS} from point_entries where member_id = any($1::text[]) and not deleted
      order by posting_no desc limit $2`,
    [ids, limit],
  );
  const entries = rows.map(pointEntryDocument).map((entry) => ({
    id: entry.id,
    memberNo: noOf.get(entry.memberId) ?? '',
    type: entry.type,
    points: signedPoints(entry),
    channel: entry.channel,
    shopId: entry.shopId,
    ref: entry.ref,
    expiresOn: entry.expiresOn ?? null,
    // Read from posted rows: both are always there (pointEntryDocument types them optional for drafts).
    postingNo: entry.postingNo ?? 0,
    at: entry.at ?? entry.createdAt,
  }));
  return {
    memberNo: resolved.member.memberNo,
    ...(resolved.mergedFromNo === undefined ? {} : { mergedFromNo: resolved.mergedFromNo }),
    memberNos: [resolved.member.memberNo, ...ids.filter((id) => id !== resolved.member.id).map((id) => noOf.get(id) ?? '').sort()],
    entries,
  };
}
