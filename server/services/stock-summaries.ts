import type { Queryable } from '../store/sql.ts';

/**
 * Rewrites the compact availability documents (stock_summaries, one per
 * product) of these products from their stock rows. Every writer of `stock`
 * calls it in the same transaction, so a tablet never sees a summary that
 * disagrees with a committed stock change. Only summaries whose content
 * changed are rewritten (each rewrite is a new seq, streamed to every tablet).
 */
export async function refreshStockSummaries(tx: Queryable, jans: readonly string[]): Promise<void> {
  if (jans.length === 0) return;
  await tx.query(
    `with fresh as (
       select p.jan,
              coalesce(jsonb_agg(jsonb_build_object(
                         'locationId', s.location_id,
                         'available', greatest(s.on_hand - s.reserved, 0),
                         'updatedAt', to_char(s.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                       order by s.location_id) filter (where s.jan is not null), '[]'::jsonb) as locations,
              coalesce(max(s.updated_at), now()) as updated_at
         from products p
         left join stock s on s.jan = p.jan and not s.deleted
        where p.jan = any($1::text[])
        group by p.jan)
     insert into stock_summaries (jan, locations, updated_at)
     select jan, locations, updated_at from fresh
     on conflict (jan) do update set locations = excluded.locations, updated_at = excluded.updated_at
       where stock_summaries.locations is distinct from excluded.locations`,
    [[...new Set(jans)]],
  );
}
