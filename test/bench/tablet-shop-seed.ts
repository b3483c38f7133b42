import { recomputeAccounts } from '../../server/services/ledger.ts';
import { refreshStockSummaries } from '../../server/services/stock-summaries.ts';
import { SYNC_WRITE_LOCK } from '../../server/store/locks.ts';
import { refreshStatistics } from '../../server/store/statistics.ts';
import type { Queryable, Sql } from '../../server/store/sql.ts';

export interface ShopSeed {
  shopId: string;
  members: number;
  entries: number;
  stockRows: number;
}

/** Bench member numbers: 8000000001…, clear of the demo's 2000000001…. */
export const BENCH_FIRST_MEMBER_NO = 8_000_000_001;
/** Rows per statement: PGlite runs one query at a time, so few big statements are fastest, but not one of millions. */
const CHUNK = 50_000;
/** Accounts are the ledger's own projection (recomputeAccounts), computed for this many members at a time. */
const ACCOUNT_CHUNK = 5_000;

export function benchMemberNo(index: number): string {
  return String(BENCH_FIRST_MEMBER_NO + index);
}

/**
 * Fills one shop with home-shop members (so every one of them is in its
 * tablets' scope), their ledger entries at that shop, and products stocked
 * there, with SQL bulk inserts (generate_series) rather than the demo
 * generator: 100,000 members load in seconds. The same write lock and seq
 * triggers as every other writer, and accounts from recomputeAccounts.
 */
export async function seedShop(sql: Sql, seed: ShopSeed): Promise<void> {
  await sql.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [SYNC_WRITE_LOCK]);
    await inChunks(seed.members, (from, to) =>
      tx.query(
        `insert into members (id, member_no, name, name_kana, phone, email, home_shop_id, updated_at, phone_verified)
         select 'b0000000-0000-4000-8000-' || lpad(i::text, 12, '0'), ($3::bigint + i)::text,
                'ベンチ 会員' || i, 'ベンチ カイイン', '090' || lpad(i::text, 8, '0'), 'bench' || i || '@example.jp',
                $4, now() - interval '200 days', true
           from generate_series($1::int, $2::int) as i`,
        [from, to - 1, BENCH_FIRST_MEMBER_NO, seed.shopId],
      ),
    );
    await inChunks(seed.entries, (from, to) =>
      tx.query(
        // Spread over the last 300 days (inside the points' 12-month life), in posting order.
        `insert into point_entries
           (id, member_id, type, points, amount_yen, channel, shop_id, device_id, staff_id, ref, created_at, posting_no, posted_at)
         select 'bench-e-' || i, 'b0000000-0000-4000-8000-' || lpad((i % $3::int)::text, 12, '0'), 'earn', 10 + i % 50,
                (10 + i % 50) * 100, 'store', $4, 'bench-device', '', 'R-bench-' || i, at, nextval('posting_no_seq'), at
           from (select i, now() - interval '300 days' + (i::float / $5::int) * interval '299 days' as at
                   from generate_series($1::int, $2::int) as i) x
          order by i`,
        [from, to - 1, seed.members, seed.shopId, seed.entries],
      ),
    );
    await inChunks(seed.stockRows, (from, to) =>
      tx.query(
        `with made as (
           insert into products (jan, name, name_kana, price_yen)
           select (4900000000000 + i)::text, 'ベンチ商品 ' || i, 'ベンチショウヒン', 100 + i % 9000
             from generate_series($1::int, $2::int) as i
           returning jan)
         insert into stock (jan, location_id, on_hand) select jan, $3, 5 from made`,
        [from, to - 1, seed.shopId],
      ),
    );
    await refreshSummaries(tx, seed.stockRows);
    for (let from = 0; from < seed.members; from += ACCOUNT_CHUNK) {
      const count = Math.min(ACCOUNT_CHUNK, seed.members - from);
      await recomputeAccounts(tx, Array.from({ length: count }, (_, i) => `b0000000-0000-4000-8000-${String(from + i).padStart(12, '0')}`));
    }
  });
  // As the server does after its demo load: without statistics the planner
  // takes the fresh tables for nearly empty and pull's page query sorts every
  // remaining row for each page instead of walking the (seq, id) index.
  await refreshStatistics(sql);
}

async function refreshSummaries(tx: Queryable, products: number): Promise<void> {
  for (let from = 0; from < products; from += CHUNK) {
    const count = Math.min(CHUNK, products - from);
    await refreshStockSummaries(tx, Array.from({ length: count }, (_, i) => String(4_900_000_000_000 + from + i)));
  }
}

async function inChunks(total: number, insert: (from: number, to: number) => Promise<unknown>): Promise<void> {
  for (let from = 0; from < total; from += CHUNK) await insert(from, Math.min(total, from + CHUNK));
}
