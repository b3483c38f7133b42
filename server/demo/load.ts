import { refreshStockSummaries } from '../services/stock-summaries.ts';
import { recomputeAccounts } from '../services/ledger.ts';
import { SYNC_WRITE_LOCK } from '../store/locks.ts';
import type { Queryable, Sql } from '../store/sql.ts';
import { BASE_MS, DAY_MS, isoAt } from './clock.ts';
import { generateDemoData, type DemoDataOptions } from './generate.ts';
import { markDemoDuplicates } from './identity.ts';
import { setDemoManagerPin } from './manager-pin.ts';
import { loadDemoStaff } from './staff.ts';

export interface DemoLoadOptions extends DemoDataOptions {
  /**
   * Move the point history forward by whole days so that its year ends on
   * this day instead of DEMO_BASE_TIME. The generated data stays fixed; a
   * server started long after the base date would otherwise open on a chain
   * whose points the first expiry run takes away (12 months from last activity).
   */
  historyEndsAt?: string;
}

export interface LoadedDemo {
  shops: { id: string; name: string }[];
}

/**
 * Rows per statement. Each chunk travels as ONE jsonb parameter: PGlite runs
 * one query at a time, so a few big statements beat thousands of small ones
 * by orders of magnitude, and 5,000 rows keep each parameter around a megabyte.
 */
const CHUNK = 5000;

/**
 * Fills an empty, migrated database with the demo chain (see generate.ts), in
 * one transaction: a half-loaded demo would be worse than none. As the
 * migrations require: seq is left to the trigger, posting numbers
 * come from posting_no_seq in createdAt order, and accounts are the ledger's
 * own projection (recomputeAccounts), not a sum computed here a second way.
 */
export async function loadDemoData(sql: Sql, options: DemoLoadOptions = {}): Promise<LoadedDemo> {
  const data = generateDemoData(withoutUndefined({ members: options.members, seed: options.seed }));
  const pointEntries = shiftHistory(data.pointEntries, options.historyEndsAt);
  const purchases = shiftHistory(data.purchases, options.historyEndsAt);
  const contacts = shiftHistory(data.contacts, options.historyEndsAt);
  await sql.transaction(async (tx) => {
    // Up front, like every writer of synced tables: commit order must equal seq order.
    await tx.query('select pg_advisory_xact_lock($1)', [SYNC_WRITE_LOCK]);
    const { rows } = await tx.query<{ used: boolean }>('select exists (select 1 from members) or exists (select 1 from products) as used');
    if (rows[0]?.used) throw new Error('demo data goes into an empty database only; this one already has members or products');

    await insertChunks(tx, INSERT_LOCATIONS, data.locations);
    await insertChunks(tx, INSERT_MEMBERS, data.members);
    await markDemoDuplicates(tx, data.duplicates);
    await insertChunks(tx, INSERT_PRODUCTS, data.products);
    await insertChunks(tx, INSERT_STOCK, data.stock);
    await refreshStockSummaries(tx, data.products.map((product) => product.jan));
    // Entries arrive sorted by createdAt; chunks go in that order, so posting numbers rise with time.
    await insertChunks(tx, INSERT_POINT_ENTRIES, pointEntries);
    await recomputeAccounts(tx, [...new Set(pointEntries.map((entry) => entry.memberId))]);
    await insertChunks(tx, INSERT_PURCHASES, purchases);
    await tx.query(INSERT_PURCHASE_LINES);
    await insertChunks(tx, INSERT_CONTACTS, contacts);
    await setDemoManagerPin(tx);
    await loadDemoStaff(tx);
  });
  return { shops: data.locations.filter((l) => l.kind === 'store').map(({ id, name }) => ({ id, name })) };
}

/** Whole days, so shop visits stay in opening hours; never backwards. */
function shiftHistory<T extends { createdAt: string } | { at: string }>(rows: readonly T[], endsAt: string | undefined): readonly T[] {
  const days = endsAt === undefined ? 0 : Math.floor((Date.parse(endsAt) - BASE_MS) / DAY_MS);
  if (!(days > 0)) return rows;
  const later = (time: string): string => isoAt(Date.parse(time) + days * DAY_MS);
  return rows.map((row) => ('createdAt' in row ? { ...row, createdAt: later(row.createdAt) } : { ...row, at: later(row.at) }));
}

function withoutUndefined(options: { members: number | undefined; seed: number | undefined }): DemoDataOptions {
  return {
    ...(options.members === undefined ? {} : { members: options.members }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  };
}

async function insertChunks(tx: Queryable, statement: string, rows: readonly object[]): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) {
    await tx.query(statement, [JSON.stringify(rows.slice(start, start + CHUNK))]);
  }
}

// The recordset column names are the documents' camelCase keys; fields a table does not keep
// (rawPhone, styleCode, size, colour) are simply not named and so not read.

const INSERT_LOCATIONS = `
  insert into locations (id, kind, name)
  select id, kind, name from jsonb_to_recordset($1::jsonb) as x (id text, kind text, name text)`;

const INSERT_MEMBERS = `
  insert into members (id, member_no, name, name_kana, phone, email, home_shop_id, updated_at, phone_verified)
  select id, "memberNo", name, "nameKana", phone, email, "homeShopId", "updatedAt", "phoneVerified"
    from jsonb_to_recordset($1::jsonb) as x (
      id text, "memberNo" text, name text, "nameKana" text, phone text, email text,
      "homeShopId" text, "updatedAt" timestamptz, "phoneVerified" boolean)`;

const INSERT_PRODUCTS = `
  insert into products (jan, name, name_kana, price_yen, style_code, style_name, size, colour, updated_at)
  select jan, name, "nameKana", "priceYen", "styleCode", "styleName", size, colour, "updatedAt"
    from jsonb_to_recordset($1::jsonb) as x (jan text, name text, "nameKana" text, "priceYen" integer, "styleCode" text,
      "styleName" text, size text, colour text, "updatedAt" timestamptz)`;

const INSERT_STOCK = `
  insert into stock (jan, location_id, on_hand, reserved, updated_at)
  select jan, "locationId", "onHand", reserved, "updatedAt"
    from jsonb_to_recordset($1::jsonb) as x (jan text, "locationId" text, "onHand" integer, reserved integer, "updatedAt" timestamptz)`;

// jsonb_array_elements keeps the array's order in `n`; ordering by it makes nextval hand out
// posting numbers in createdAt order (PostgreSQL evaluates volatile select-list functions after the sort).
// Demo entries were posted the moment they were made, so posted_at = created_at (and so the
// generated business time `at`). Only earns and redeems are generated: no type-specific columns.
const INSERT_POINT_ENTRIES = `
  insert into point_entries
    (id, member_id, type, points, amount_yen, channel, shop_id, device_id, staff_id, ref, created_at, posting_no, posted_at)
  select e->>'id', e->>'memberId', e->>'type', (e->>'points')::integer, (e->>'amountYen')::bigint,
         e->>'channel', e->>'shopId', e->>'deviceId', e->>'staffId', e->>'ref', (e->>'createdAt')::timestamptz,
         nextval('posting_no_seq'), (e->>'createdAt')::timestamptz
    from jsonb_array_elements($1::jsonb) with ordinality as t (e, n)
   order by n`;

// The demo's timeline (issue 9). Lines as the purchase feed stores them; their rows for
// suggestions copied from them as migration 0016 does (the database held no purchase before).
const INSERT_PURCHASES = `
  insert into purchases (id, member_id, channel, ref, shop_id, at, total_yen, lines)
  select id, "memberId", channel, ref, "shopId", at, "totalYen", lines
    from jsonb_to_recordset($1::jsonb) as x (id text, "memberId" text, channel text, ref text, "shopId" text, at timestamptz,
      "totalYen" bigint, lines jsonb)`;

const INSERT_PURCHASE_LINES = `
  insert into purchase_lines (purchase_id, line_no, member_id, jan, name, quantity)
  select p.id, l.line_no, p.member_id, l.line ->> 'jan', l.line ->> 'name', (l.line ->> 'quantity')::integer
    from purchases p
   cross join lateral jsonb_array_elements(p.lines) with ordinality as l(line, line_no)`;

const INSERT_CONTACTS = `
  insert into contacts (id, member_id, channel, at, summary, staff)
  select id, "memberId", channel, at, summary, staff
    from jsonb_to_recordset($1::jsonb) as x (id text, "memberId" text, channel text, at timestamptz, summary text, staff text)`;
