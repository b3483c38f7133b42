import { SUGGESTION_LIMIT, TenpoError, type Suggestion, type Suggestions } from '../../src/protocol/index.ts';
import type { Queryable } from '../store/sql.ts';
import type { Device } from './devices.ts';
import { mergedGroupIds, resolveMemberByNo, type ResolvedMember } from './identity/resolve.ts';
import { shopsOfMembers } from './member-presence.ts';
import { requireShop } from './purchases.ts';
import { int, text } from './rows.ts';

/**
 * Purchase lines of live purchases, with what each counts as: its style when
 * the product has variants (bought in M, it was the style that was bought),
 * otherwise the JAN itself — from today's catalogue (migration 0016 says why
 * the key is not stored). A line whose JAN is not in the catalogue (an
 * in-store code) still links buyers, but can never be suggested. `person` is
 * the survivor one merge away, so a merged customer counts once; a chain of
 * merges (rare) may count twice. Every use passes the condition that lets an
 * index of purchase_lines find its rows: reading all of them would cost what
 * the chain ever sold, on every request.
 */
const linesWhere = (condition: string) => `
  select coalesce(m.merged_into, m.id) as person, p.at,
         pl.jan, coalesce(nullif(pl.name, ''), pr.name, '') as name, pl.quantity,
         coalesce(pr.style_code, '') as k_style,
         case when coalesce(pr.style_code, '') = '' then pl.jan else '' end as k_jan,
         coalesce(pr.size, '') as size
    from purchase_lines pl
    join purchases p on p.id = pl.purchase_id and not p.deleted
    join members m on m.id = pl.member_id
    left join products pr on pr.jan = pl.jan and not pr.deleted
   where ${condition}`;

/**
 * One query: the keys the member bought; other people who bought one of them
 * (found by JAN: the live variants of the member's styles and the member's
 * JAN keys); everything else those people bought (found by their records: the
 * survivor and those merged into it), scored by how many of them bought it;
 * for each, the member's purchase shared by most of them (`because`; on a tie
 * the latest, then the lower JAN) and the variant to offer: in the size the
 * member bought most units of (ties by size), else the variant with the most
 * stock in all. Best first, ties by the offered JAN. $1: the member's record
 * ids (the survivor and those merged into it). Exported for the test that
 * checks its plan.
 */
export const SUGGEST = `
  with mine as (${linesWhere('pl.member_id = any($1::text[])')}),
  my_key as (select distinct k_style, k_jan from mine),
  my_key_jan as (
    select pr.jan from my_key k join products pr on pr.style_code = k.k_style and not pr.deleted
     -- Said of pr too, so the partial index products_style applies.
     where k.k_style <> '' and pr.style_code <> ''
    union
    select k_jan from my_key where k_jan <> ''),
  co_buyer as (
    select distinct l.person, l.k_style, l.k_jan
      from (${linesWhere('pl.jan in (select jan from my_key_jan) and pl.member_id <> all($1::text[])')}) l
      join my_key k using (k_style, k_jan)),
  co_buyer_record as (
    select m.id from members m where m.id in (select person from co_buyer)
    union
    select m.id from members m where m.merged_into in (select person from co_buyer) and m.merged_into is not null),
  pair as (
    select distinct o.k_style, o.k_jan, c.person, c.k_style as via_style, c.k_jan as via_jan
      from co_buyer c
      join (${linesWhere('pl.member_id in (select id from co_buyer_record) and pl.member_id <> all($1::text[])')}) o
        on o.person = c.person
     where (o.k_style, o.k_jan) not in (select k_style, k_jan from my_key)),
  scored as (select k_style, k_jan, count(distinct person)::int as score from pair group by k_style, k_jan),
  because as (
    select distinct on (v.k_style, v.k_jan) v.k_style, v.k_jan, m.jan, m.name
      from (select k_style, k_jan, via_style, via_jan, count(*) as n from pair group by 1, 2, 3, 4) v
      join mine m on m.k_style = v.via_style and m.k_jan = v.via_jan
     order by v.k_style, v.k_jan, v.n desc, m.at desc, m.jan),
  usual_size as (
    select size from mine where size <> '' group by size order by sum(quantity) desc, size collate "C" limit 1),
  offered as (
    select distinct on (s.k_style, s.k_jan) s.k_style, s.k_jan, s.score,
           pr.jan, pr.name, pr.style_name, pr.size, pr.colour
      from scored s
      join products pr on not pr.deleted and pr.style_code = s.k_style and (s.k_style <> '' or pr.jan = s.k_jan)
      cross join lateral (
        select coalesce(sum(greatest(st.on_hand - st.reserved, 0)), 0) as available
          from stock st where st.jan = pr.jan and not st.deleted) st
     order by s.k_style, s.k_jan, pr.size = (select size from usual_size) desc nulls last, st.available desc, pr.jan)
  select o.jan, o.name, o.style_name, o.size, o.colour, o.score, b.jan as because_jan, b.name as because_name
    from offered o join because b using (k_style, k_jan)
   order by o.score desc, o.jan
   limit ${SUGGESTION_LIMIT}`;

/**
 * GET /api/v1/members/:memberNo/suggestions: up to five products the member
 * is likely to want — what other members who bought the same product or
 * style also bought, never a style or product the member already bought.
 * The member is the survivor with every record merged into it (名寄せ), as
 * the timeline reads them. A member with no purchases, or whose purchases no
 * one else shares, gets []: there is no "popular" fallback, since a list of
 * best-sellers says nothing about this customer. Null for an unknown number.
 */
export async function memberSuggestions(sql: Queryable, memberNo: string, shopId: string | null): Promise<Suggestions | null> {
  const resolved = await resolveMemberByNo(sql, memberNo);
  if (!resolved) return null;
  if (shopId !== null) await requireShop(sql, shopId);
  return suggestionsFor(sql, resolved, shopId);
}

/**
 * GET /sync/v1/members/:memberId/suggestions: the same for a member the
 * tablet holds, `here` being its shop. A member outside the shop's scope
 * answers exactly like an unknown id (404), so a tablet cannot learn who
 * exists elsewhere; a member the clerk looked up online is in scope.
 */
export async function deviceMemberSuggestions(sql: Queryable, device: Device, memberId: string): Promise<Suggestions> {
  const { rows } = await sql.query<{ member_no: string }>('select member_no from members where id = $1 and not deleted', [memberId]);
  const shops = await shopsOfMembers(sql, [memberId]);
  const resolved = rows[0] && shops.get(memberId)?.has(device.shopId) ? await resolveMemberByNo(sql, rows[0].member_no) : null;
  if (!resolved) throw new TenpoError('not-found', `no member ${memberId} at this shop`);
  return suggestionsFor(sql, resolved, device.shopId);
}

async function suggestionsFor(sql: Queryable, resolved: ResolvedMember, shopId: string | null): Promise<Suggestions> {
  const ids = await mergedGroupIds(sql, resolved.member.id);
  const { rows } = await sql.query(SUGGEST, [ids]);
  const stock = await availableByJan(sql, rows.map((r) => text(r.jan)));
  const suggestions = rows.map((r): Suggestion => {
    const jan = text(r.jan);
    const places = stock.get(jan) ?? [];
    return {
      jan,
      name: text(r.name),
      styleName: text(r.style_name),
      size: text(r.size),
      colour: text(r.colour),
      reason: 'bought-together',
      because: { jan: text(r.because_jan), name: text(r.because_name) },
      score: int(r.score),
      availability: {
        here: shopId === null ? null : (places.find((p) => p.locationId === shopId)?.available ?? 0),
        elsewhere: places.filter((p) => p.locationId !== shopId && p.available > 0),
      },
    };
  });
  return {
    memberNo: resolved.member.memberNo,
    ...(resolved.mergedFromNo === undefined ? {} : { mergedFromNo: resolved.mergedFromNo }),
    suggestions,
  };
}

type Place = Suggestion['availability']['elsewhere'][number];

/** Available units per location of each product, most first (ties by location id), from the stock rows themselves. */
async function availableByJan(sql: Queryable, jans: readonly string[]): Promise<Map<string, Place[]>> {
  const byJan = new Map<string, Place[]>();
  if (jans.length === 0) return byJan;
  const { rows } = await sql.query(
    `select st.jan, st.location_id, l.kind, greatest(st.on_hand - st.reserved, 0) as available
       from stock st join locations l on l.id = st.location_id and not l.deleted
      where st.jan = any($1::text[]) and not st.deleted
      order by available desc, st.location_id collate "C"`,
    [jans],
  );
  for (const r of rows) {
    const jan = text(r.jan);
    const place = { locationId: text(r.location_id), kind: text(r.kind) as Place['kind'], available: int(r.available) };
    byJan.set(jan, [...(byJan.get(jan) ?? []), place]);
  }
  return byJan;
}
