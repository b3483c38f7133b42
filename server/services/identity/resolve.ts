import type { Member } from '../../../src/protocol/index.ts';
import type { Queryable } from '../../store/sql.ts';
import { MEMBER_COLUMNS, memberDocument, withoutTombstone } from '../documents.ts';

/** A real chain (A into B, later B into C) is short; more hops than this is a loop in bad data. */
const MAX_MERGE_HOPS = 16;

export interface ResolvedMember {
  /** The live member the number belongs to now: itself, or the survivor it was merged into. */
  member: Member;
  /** The number asked for, when it was merged into `member`. */
  mergedFromNo?: string;
}

async function memberWhere(tx: Queryable, where: string, value: string): Promise<Member | null> {
  const { rows } = await tx.query(`select ${MEMBER_COLUMNS} from members where ${where} and not deleted`, [value]);
  const row = rows[0];
  return row ? withoutTombstone(memberDocument(row)) : null;
}

/**
 * A member number as /api/v1 answers it after 名寄せ: an old number (or its
 * TNP1 card) finds the survivor, following merges of merges. Null for an
 * unknown or deleted number.
 */
export async function resolveMemberByNo(tx: Queryable, memberNo: string): Promise<ResolvedMember | null> {
  const found = await memberWhere(tx, 'member_no = $1', memberNo);
  if (!found) return null;
  let current = found;
  const seen = new Set([found.id]);
  for (let hop = 0; hop < MAX_MERGE_HOPS && current.mergedInto !== '' && !seen.has(current.mergedInto); hop += 1) {
    const next = await memberWhere(tx, 'id = $1', current.mergedInto);
    if (!next) break;
    current = next;
    seen.add(next.id);
  }
  return current.id === found.id ? { member: found } : { member: current, mergedFromNo: found.memberNo };
}

/**
 * The survivor and every member merged into it, directly or through a chain:
 * whose entries make up the survivor's history. One recursive query.
 */
export async function mergedGroupIds(tx: Queryable, survivorId: string): Promise<string[]> {
  const { rows } = await tx.query<{ id: string }>(
    `with recursive grp(id, depth) as (
       select $1::text, 0
       union
       select m.id, grp.depth + 1 from members m join grp on m.merged_into = grp.id where grp.depth < ${MAX_MERGE_HOPS})
     select distinct id from grp`,
    [survivorId],
  );
  return rows.map((r) => r.id);
}
