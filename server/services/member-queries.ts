import type { Member } from '../../src/protocol/index.ts';
import type { Queryable } from '../store/sql.ts';
import { MEMBER_COLUMNS, memberDocument, withoutTombstone } from './documents.ts';

/** A live (not deleted) member by member number, as its document without the tombstone flag. */
export async function memberByNo(sql: Queryable, memberNo: string): Promise<Member | null> {
  const { rows } = await sql.query(`select ${MEMBER_COLUMNS} from members where member_no = $1 and not deleted`, [memberNo]);
  const row = rows[0];
  if (!row) return null;
  return withoutTombstone(memberDocument(row));
}
