import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../../server/store/migrate.ts';
import type { Sql } from '../../server/store/sql.ts';
import { backendName, openTestStore } from './helpers/test-store.ts';

describe(`migrations (${backendName})`, () => {
  let sql: Sql;
  beforeAll(async () => {
    sql = await openTestStore();
  });
  afterAll(async () => {
    await sql.close();
  });

  it('records every migration file, in order, once', async () => {
    const files = await readMigrations();
    const { rows } = await sql.query<{ version: number }>('select version from schema_migrations order by version');
    expect(rows.map((r) => r.version)).toEqual(files.map((f) => f.version));
    expect(await migrate(sql)).toEqual([]);
  });

  it('keeps the audit log append-only: an update or delete is refused', async () => {
    const id = '6f9619ff-8b86-4d01-b42d-00cf4fc964ff';
    await sql.query(`insert into audit_events (id, action, at) values ($1, 'member-lookup', now())`, [id]);
    await expect(sql.query(`update audit_events set action = 'merge' where id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(sql.query('delete from audit_events where id = $1', [id])).rejects.toThrow(/append-only/);
    const { rows } = await sql.query<{ action: string }>('select action from audit_events where id = $1', [id]);
    expect(rows).toEqual([{ action: 'member-lookup' }]);
  });

  it('creates the synced tables with seq and the typed columns', async () => {
    const { rows } = await sql.query<{ table_name: string }>(
      `select table_name from information_schema.columns where column_name = 'seq' and table_schema = current_schema() order by table_name`,
    );
    expect(rows.map((r) => r.table_name)).toEqual([
      'audit_events',
      'contacts',
      // Issue 10 (migration 0019).
      'coupons',
      'locations',
      'member_links',
      'members',
      'orders',
      'point_accounts',
      'point_entries',
      'products',
      'purchases',
      'setting_documents',
      'stock',
      'stock_summaries',
      // The view `timeline` pulls from (purchases and contacts, migration 0017).
      'timeline_items',
    ]);
  });

  it('stamps every insert and update of a synced row with a fresh value of the one shared sequence', async () => {
    await sql.query(`insert into locations (id, kind, name) values ('mig-shop', 'store', 'M')`);
    const product = await sql.query<{ seq: number }>(
      `insert into products (jan, name, price_yen) values ('4900000000000', 'x', 1) returning seq`,
    );
    const stock = await sql.query<{ seq: number }>(
      `insert into stock (jan, location_id, on_hand) values ('4900000000000', 'mig-shop', 1) returning seq, id`,
    );
    const updated = await sql.query<{ seq: number }>(`update products set price_yen = 2 where jan = '4900000000000' returning seq`);
    const seqs = [product.rows[0]?.seq, stock.rows[0]?.seq, updated.rows[0]?.seq];
    expect(seqs.every((s) => typeof s === 'number')).toBe(true);
    expect([...seqs].sort((a, b) => Number(a) - Number(b))).toEqual(seqs);
    expect(new Set(seqs).size).toBe(3);
    // A writer cannot choose its own seq: the trigger overrides it.
    const forced = await sql.query<{ seq: number }>(`update products set seq = 1 where jan = '4900000000000' returning seq`);
    expect(forced.rows[0]?.seq).toBeGreaterThan(Number(updated.rows[0]?.seq));
  });

  it('refuses a migration file whose name would sort it wrongly', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tenpo-mig-'));
    try {
      await writeFile(join(dir, '2-oops.sql'), 'select 1');
      await expect(readMigrations(dir)).rejects.toThrow(/0001-some-name\.sql/);
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it('applies a new migration once and rolls back a failing one completely', async () => {
    const good = { version: 9001, name: '9001-test.sql', sql: 'create table mig_test (x int); insert into mig_test values (1);' };
    expect(await migrate(sql, [good])).toEqual([9001]);
    expect(await migrate(sql, [good])).toEqual([]);
    const bad = { version: 9002, name: '9002-bad.sql', sql: 'create table mig_bad (x int); select no_such_function();' };
    await expect(migrate(sql, [bad])).rejects.toThrow();
    const { rows } = await sql.query(`select 1 from information_schema.tables where table_name = 'mig_bad'`);
    expect(rows).toEqual([]);
  });
});
