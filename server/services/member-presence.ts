import type { Queryable } from '../store/sql.ts';
import { textArray } from './rows.ts';

/**
 * Which shop's tablets hold which members (issue 6, minimal data on the
 * device): a member's home shop, and every shop where they were seen (an
 * entry posted there, an online lookup) within the device policy's
 * memberWindowMonths. The table and the rule's SQL functions are in
 * migration 0014; this is the TypeScript side of the same rule.
 */

/** For each member id: the shops whose tablets may hold the member and their points. */
export type ShopsByMember = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * SQL condition "the member is in the shop's scope", for pull. `memberId` is
 * the outer column holding the member id; `homeShop` the member's home shop
 * column when the outer table is members itself (saves a join).
 */
export function memberInShopSql(shop: string, memberId: string, homeShop?: string): string {
  // `(select …)`: an init plan, read once per query rather than once per row.
  const present = `exists (select 1 from member_presence p
    where p.member_id = ${memberId} and p.shop_id = ${shop} and p.last_seen_at >= (select tenpo_member_window_start()))`;
  if (homeShop !== undefined) return `(${homeShop} = ${shop} or ${present})`;
  // `offset 0` keeps the planner from turning this into a join of the whole
  // table: pull reads a page in (seq, id) index order and checks each row's
  // member by primary key, stopping at the page size. As a join, every page
  // of a fresh tablet's pull read and sorted all the remaining entries
  // (300,000 entries: seconds per page, quadratic over the sync; issue 8).
  return `exists (select 1 from members m where m.id = ${memberId} and (m.home_shop_id = ${shop} or ${present}) offset 0)`;
}

/**
 * The same rule for a batch of members in one query: what the stream hub
 * shares between every connected tablet, and what pull checks its page with.
 */
export async function shopsOfMembers(sql: Queryable, memberIds: readonly string[]): Promise<ShopsByMember> {
  const wanted = [...new Set(memberIds)];
  const result = new Map<string, Set<string>>();
  if (wanted.length === 0) return result;
  const { rows } = await sql.query<{ id: string; home_shop_id: string; shops: unknown }>(
    `select m.id, m.home_shop_id,
            coalesce(array_agg(p.shop_id) filter (where p.shop_id is not null), '{}') as shops
       from members m
       left join member_presence p on p.member_id = m.id and p.last_seen_at >= (select tenpo_member_window_start())
      where m.id = any($1::text[])
      group by m.id, m.home_shop_id`,
    [wanted],
  );
  for (const row of rows) {
    const shops = new Set(textArray(row.shops));
    if (row.home_shop_id !== '') shops.add(row.home_shop_id);
    result.set(row.id, shops);
  }
  return result;
}

/**
 * Records that these members were seen at the shop now (an online lookup).
 * Those who enter the shop's scope get new seqs on their member row, account
 * and recent entries (tenpo_note_presence), so the shop's tablets receive them
 * through pull and stream; the caller announces those collections. Call inside
 * a write transaction: the seqs are drawn under the sync write lock.
 */
export async function notePresence(tx: Queryable, shopId: string, memberIds: readonly string[]): Promise<string[]> {
  const wanted = [...new Set(memberIds)];
  if (wanted.length === 0) return [];
  const { rows } = await tx.query<{ entering: unknown }>(
    `select tenpo_note_presence($1, $2::text[], array_fill(now(), array[cardinality($2::text[])])) as entering`,
    [shopId, wanted],
  );
  return textArray(rows[0]?.entering);
}
