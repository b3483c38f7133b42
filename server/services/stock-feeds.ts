import type { Availability, FeedResult, FeedRowProblem, ProductFeedRow, StockFeedRow } from '../../src/protocol/index.ts';
import { TenpoError } from '../../src/protocol/index.ts';
import type { Queryable } from '../store/sql.ts';
import { int, isoTime, text } from './rows.ts';
import { refreshStockSummaries } from './stock-summaries.ts';
import type { SyncServices } from './sync-push.ts';
import { writeTransaction } from './write-transaction.ts';

/** A feed that cannot be applied as a whole: 422 naming every bad row; nothing is written. */
function refuse(problems: FeedRowProblem[]): TenpoError {
  return new TenpoError('unprocessable', `${problems.length} feed row(s) cannot be applied; nothing was written`, 422, { rows: problems });
}

/** Two rows for one key in one feed: which one wins would be an accident of order, so neither does. */
function duplicates<R>(rows: readonly R[], key: (row: R) => string, problem: (row: R, index: number) => FeedRowProblem): FeedRowProblem[] {
  const seen = new Set<string>();
  const problems: FeedRowProblem[] = [];
  rows.forEach((row, index) => {
    const k = key(row);
    if (seen.has(k)) problems.push(problem(row, index));
    seen.add(k);
  });
  return problems;
}

/**
 * PUT /api/v1/products: upserts the catalogue rows as sent (a field left out
 * is stored empty: the feed is the master's full state of each product).
 * Unchanged products are not rewritten, so a repeated feed wakes no tablet.
 */
export async function putProducts(services: SyncServices, rows: readonly ProductFeedRow[]): Promise<FeedResult> {
  const problems = duplicates(rows, (r) => r.jan, (r, index) => ({ index, jan: r.jan, reason: 'duplicate-row' }));
  if (problems.length > 0) throw refuse(problems);
  return writeTransaction(services.sql, services.notifier, async ({ tx, changed }) => {
    const { rows: written } = await tx.query(
      `insert into products (jan, name, name_kana, price_yen, style_code, style_name, size, colour)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[])
       on conflict (jan) do update set
         name = excluded.name, name_kana = excluded.name_kana, price_yen = excluded.price_yen,
         style_code = excluded.style_code, style_name = excluded.style_name, size = excluded.size, colour = excluded.colour,
         updated_at = now(), deleted = false
       where (products.name, products.name_kana, products.price_yen, products.style_code, products.style_name,
              products.size, products.colour, products.deleted)
             is distinct from
             (excluded.name, excluded.name_kana, excluded.price_yen, excluded.style_code, excluded.style_name,
              excluded.size, excluded.colour, false)
       returning jan`,
      [
        rows.map((r) => r.jan),
        rows.map((r) => r.name),
        rows.map((r) => r.nameKana ?? ''),
        rows.map((r) => r.price),
        rows.map((r) => r.styleCode ?? ''),
        rows.map((r) => r.styleName ?? ''),
        rows.map((r) => r.size ?? ''),
        rows.map((r) => r.colour ?? ''),
      ],
    );
    if (written.length > 0) changed.add('products');
    // A new product gets its (empty) summary now, so every tablet can list it with "nowhere in stock".
    await refreshStockSummaries(tx, rows.map((r) => r.jan));
    changed.add('stock_summaries');
    return { received: rows.length };
  });
}

/**
 * PUT /api/v1/stock: sets on-hand counts (reserved belongs to the server's
 * orders). A count below what orders have reserved is refused, not clamped:
 * clamping would show units that are gone, and refusing tells the feed's
 * owner which rows to look at. Any bad row refuses the whole feed.
 * Every row sent is a fresh count, so its updatedAt moves even when the figure
 * did not: the tablets show how old a figure is, and a confirmed one is new.
 */
export async function putStock(services: SyncServices, rows: readonly StockFeedRow[]): Promise<FeedResult> {
  const dupes = duplicates(rows, (r) => `${r.jan}@${r.location}`, (r, index) => ({ index, jan: r.jan, location: r.location, reason: 'duplicate-row' }));
  if (dupes.length > 0) throw refuse(dupes);
  return writeTransaction(services.sql, services.notifier, async ({ tx, changed }) => {
    const problems = await stockProblems(tx, rows);
    if (problems.length > 0) throw refuse(problems);
    await tx.query(
      `insert into stock (jan, location_id, on_hand)
       select * from unnest($1::text[], $2::text[], $3::int[])
       on conflict (jan, location_id) do update set on_hand = excluded.on_hand, updated_at = now(), deleted = false`,
      [rows.map((r) => r.jan), rows.map((r) => r.location), rows.map((r) => r.onHand)],
    );
    await refreshStockSummaries(tx, rows.map((r) => r.jan));
    changed.add('stock').add('stock_summaries');
    return { received: rows.length };
  });
}

/** Unknown products and locations, and counts below the reservations; read inside the write lock so no order slips in between. */
async function stockProblems(tx: Queryable, rows: readonly StockFeedRow[]): Promise<FeedRowProblem[]> {
  const jans = [...new Set(rows.map((r) => r.jan))];
  const locations = [...new Set(rows.map((r) => r.location))];
  // One after the other: a transaction is one connection.
  const products = await tx.query<{ jan: string }>('select jan from products where jan = any($1::text[]) and not deleted', [jans]);
  const places = await tx.query<{ id: string }>('select id from locations where id = any($1::text[]) and not deleted', [locations]);
  const stock = await tx.query<{ jan: string; location_id: string; reserved: number }>(
    'select jan, location_id, reserved from stock where jan = any($1::text[]) and reserved > 0',
    [jans],
  );
  const knownJans = new Set(products.rows.map((r) => r.jan));
  const knownPlaces = new Set(places.rows.map((r) => r.id));
  const reserved = new Map(stock.rows.map((r) => [`${r.jan}@${r.location_id}`, int(r.reserved)]));
  const problems: FeedRowProblem[] = [];
  rows.forEach((r, index) => {
    const at = { index, jan: r.jan, location: r.location };
    if (!knownJans.has(r.jan)) problems.push({ ...at, reason: 'unknown-product' });
    else if (!knownPlaces.has(r.location)) problems.push({ ...at, reason: 'unknown-location' });
    else {
      const held = reserved.get(`${r.jan}@${r.location}`) ?? 0;
      if (r.onHand < held) problems.push({ ...at, reason: 'below-reserved', reserved: held });
    }
  });
  return problems;
}

export async function listLocations(sql: Queryable): Promise<{ id: string; kind: 'store' | 'warehouse'; name: string }[]> {
  const { rows } = await sql.query<{ id: string; kind: 'store' | 'warehouse'; name: string }>(
    'select id, kind, name from locations where not deleted order by kind, id',
  );
  return rows.map((r) => ({ id: r.id, kind: r.kind, name: r.name }));
}

/** Stock of one product everywhere, from the rows themselves (not the tablets' summaries). */
export async function availability(sql: Queryable, jan: string): Promise<Availability> {
  const product = await sql.query('select 1 from products where jan = $1 and not deleted', [jan]);
  if (product.rows.length === 0) throw new TenpoError('not-found', `no product ${jan}`, 404, { jan });
  const { rows } = await sql.query(
    'select location_id, on_hand, reserved, updated_at from stock where jan = $1 and not deleted order by location_id',
    [jan],
  );
  return {
    jan,
    locations: rows.map((r) => {
      const onHand = int(r.on_hand);
      const reserved = int(r.reserved);
      return { location: text(r.location_id), onHand, reserved, available: Math.max(onHand - reserved, 0), updatedAt: isoTime(r.updated_at) };
    }),
  };
}
