import type { Queryable } from '../store/sql.ts';

/** Member numbers start here when the chain has none yet; never a leading 0 (it would read as a phone number). */
const FIRST_MEMBER_NO = 1_000_000_001;
const LAST_MEMBER_NO = 9_999_999_999;

/**
 * The next permanent member number. Callers hold the write lock (every
 * writeTransaction does), so two registrations at once cannot draw the same one.
 */
export async function nextMemberNo(tx: Queryable): Promise<string> {
  const { rows } = await tx.query<{ last: number | string | null }>('select max(member_no::bigint) as last from members');
  const next = Math.max(FIRST_MEMBER_NO, Number(rows[0]?.last ?? 0) + 1);
  if (next > LAST_MEMBER_NO) throw new Error('member numbers are exhausted');
  return String(next);
}
