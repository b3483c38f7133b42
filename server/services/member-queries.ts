import { foldKana } from '../../src/domain/identity/kana.ts';
import type { MemberQuery } from '../../src/domain/member-search.ts';
import type { Member, PointAccount, PointEntry, WireDocument } from '../../src/protocol/index.ts';
import type { Queryable } from '../store/sql.ts';
import {
  MEMBER_COLUMNS,
  memberDocument,
  POINT_ACCOUNT_COLUMNS,
  POINT_ENTRY_COLUMNS,
  pointAccountDocument,
  pointEntryDocument,
  withoutTombstone,
} from './documents.ts';

/** A live (not deleted) member by member number, as its document without the tombstone flag. */
export async function memberByNo(sql: Queryable, memberNo: string): Promise<Member | null> {
  const { rows } = await sql.query(`select ${MEMBER_COLUMNS} from members where member_no = $1 and not deleted`, [memberNo]);
  const row = rows[0];
  if (!row) return null;
  return withoutTombstone(memberDocument(row));
}

/** Enough for any real chain of merges (the tablet's resolveSurvivor stops at the same depth). */
const MAX_MERGE_HOPS = 16;

// Hiragana → katakana in SQL, for the kana prefilter below (foldKana does it in code).
const HIRAGANA = Array.from({ length: 0x3096 - 0x3041 + 1 }, (_, i) => String.fromCharCode(0x3041 + i)).join('');
const KATAKANA = Array.from({ length: 0x3096 - 0x3041 + 1 }, (_, i) => String.fromCharCode(0x30a1 + i)).join('');
/** Spaces (U+3000 too) and middle dots between family and given names, as foldKana drops them. */
const NAME_SEPARATORS = ' \u3000\u30fb\u00b7';
/** Kana candidates read per query before the exact foldKana check (the SQL fold is close, not identical). */
const KANA_CANDIDATES = 50;

/**
 * Ids of live members matching a counter query, the way the tablet's own
 * search does (src/db/members.ts queryMembers), at most `limit`, by member number.
 */
export async function memberIdsMatching(sql: Queryable, query: MemberQuery, limit: number): Promise<string[]> {
  const ids = async (where: string, value: unknown): Promise<string[]> => {
    const { rows } = await sql.query<{ id: string }>(`select id from members where ${where} and not deleted order by member_no limit $2`, [value, limit]);
    return rows.map((r) => r.id);
  };
  switch (query.by) {
    case 'memberNo':
      return ids('member_no = $1', query.memberNo);
    case 'phone':
      return ids("phone = $1 and phone <> ''", query.phone);
    case 'email':
      return ids("lower(email) = $1 and email <> ''", query.email.toLowerCase());
    case 'paperCard':
      return ids('$1 = any(paper_cards)', query.cardNo);
    case 'kana':
      return kanaMatches(sql, query.kanaKey, limit);
    case 'none':
      return [];
  }
}

/**
 * The kana key is derived in code (foldKana), not stored: SQL folds widths,
 * hiragana and spaces to find candidates, and foldKana has the last word.
 */
async function kanaMatches(sql: Queryable, kanaKey: string, limit: number): Promise<string[]> {
  const { rows } = await sql.query<{ id: string; name_kana: string }>(
    `select id, name_kana from members
      where not deleted
        and starts_with(translate(normalize(name_kana, NFKC), $2, $3), $1)
      order by member_no limit $4`,
    // Characters of the first list past the end of the second are dropped: the separators.
    [kanaKey, HIRAGANA + NAME_SEPARATORS, KATAKANA, KANA_CANDIDATES],
  );
  return rows.filter((r) => foldKana(r.name_kana).startsWith(kanaKey)).slice(0, limit).map((r) => r.id);
}

/**
 * The members with these ids and the survivors they were merged into (名寄せ),
 * as documents: a merged member's old number must still lead to the survivor.
 */
export async function membersWithSurvivors(sql: Queryable, ids: readonly string[]): Promise<WireDocument<Member>[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql.query(
    `with recursive chain (id, hops) as (
       select id, 0 from members where id = any($1::text[])
       union
       select m.merged_into, c.hops + 1 from chain c join members m on m.id = c.id
        where m.merged_into is not null and c.hops < $2
     )
     select ${MEMBER_COLUMNS} from members where id in (select id from chain) order by member_no`,
    [ids, MAX_MERGE_HOPS],
  );
  return rows.map(memberDocument);
}

/** The accounts of these members. */
export async function accountsOf(sql: Queryable, memberIds: readonly string[]): Promise<WireDocument<PointAccount>[]> {
  if (memberIds.length === 0) return [];
  const { rows } = await sql.query(`select ${POINT_ACCOUNT_COLUMNS} from point_accounts where member_id = any($1::text[])`, [memberIds]);
  return rows.map(pointAccountDocument);
}

/** Their entries within the device policy's member window: the history a tablet of their shop would hold. */
export async function recentEntriesOf(sql: Queryable, memberIds: readonly string[]): Promise<WireDocument<PointEntry>[]> {
  if (memberIds.length === 0) return [];
  const { rows } = await sql.query(
    `select ${POINT_ENTRY_COLUMNS} from point_entries
      where member_id = any($1::text[]) and at >= (select tenpo_member_window_start())
      order by posting_no`,
    [memberIds],
  );
  return rows.map(pointEntryDocument);
}
