import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidJan } from '../../src/domain/jan.ts';
import { generateDemoData } from '../../server/demo/generate.ts';
import { loadDemoData, type LoadedDemo } from '../../server/demo/load.ts';
import { memberDocument, MEMBER_COLUMNS } from '../../server/services/documents.ts';
import { rebuildProjections } from '../../server/services/projections.ts';
import { openStore } from '../../server/store/open-store.ts';
import type { Sql } from '../../server/store/sql.ts';

const MEMBERS = 300;

// Real PGlite, in memory, migrated by the same code the server runs. The loader
// insists on an empty database, so this suite does not share a PostgreSQL one.
describe('loadDemoData', () => {
  const expected = generateDemoData({ members: MEMBERS, seed: 3 });
  let sql: Sql;
  let loaded: LoadedDemo;

  beforeAll(async () => {
    sql = await openStore();
    loaded = await loadDemoData(sql, { members: MEMBERS, seed: 3 });
  });
  afterAll(async () => {
    await sql.close();
  });

  const count = async (table: string): Promise<number> => {
    const { rows } = await sql.query<{ n: number }>(`select count(*)::int as n from ${table}`);
    return rows[0]?.n ?? -1;
  };

  it('returns the three shops, not the warehouse', () => {
    expect(loaded.shops).toEqual([
      { id: 'shop-shibuya', name: '渋谷店' },
      { id: 'shop-umeda', name: '梅田店' },
      { id: 'shop-tenjin', name: '天神店' },
    ]);
  });

  it('inserts every generated row', async () => {
    expect(await count('locations')).toBe(4);
    expect(await count('members')).toBe(MEMBERS);
    expect(await count('point_entries')).toBe(expected.pointEntries.length);
    expect(await count('products')).toBe(500);
    expect(await count('stock')).toBe(2000);
    expect(await count('point_accounts')).toBe(new Set(expected.pointEntries.map((e) => e.memberId)).size);
  });

  it('gives the first members of each shop a timeline: purchases with their lines, and contacts (issue 9)', async () => {
    expect(expected.purchases.length).toBeGreaterThan(0);
    expect(expected.contacts.length).toBeGreaterThan(0);
    expect(await count('purchases')).toBe(expected.purchases.length);
    expect(await count('purchase_lines')).toBe(expected.purchases.reduce((n, p) => n + p.lines.length, 0));
    expect(await count('contacts')).toBe(expected.contacts.length);
    const { rows } = await sql.query<{ bad: number }>(
      `select count(*)::int as bad from purchases p join members m on m.id = p.member_id
        where p.channel = 'store' and p.shop_id <> m.home_shop_id`,
    );
    expect(rows[0]?.bad).toBe(0);
  });

  it('stores members exactly as the generator made them (minus the raw legacy phone)', async () => {
    const { rows } = await sql.query(`select ${MEMBER_COLUMNS} from members order by member_no`);
    const stored = rows.map((row) => {
      const { _deleted, ...member } = memberDocument(row);
      expect(_deleted).toBe(false);
      return member;
    });
    expect(stored).toEqual(expected.members.map(({ rawPhone: _raw, ...member }) => member));
  });

  it('makes every account the projection of its ledger, and none negative', async () => {
    const { rows } = await sql.query<{ member_id: string; balance: number; posted_through: number; sum: number; through: number }>(
      `select a.member_id, a.balance, a.posted_through,
              sum(case e.type when 'earn' then e.points else -e.points end)::int as sum,
              max(e.posting_no) as through
         from point_accounts a join point_entries e on e.member_id = a.member_id
        group by a.member_id, a.balance, a.posted_through`,
    );
    expect(rows.length).toBe(await count('point_accounts'));
    expect(rows.filter((r) => r.balance !== r.sum || r.posted_through !== r.through)).toEqual([]);
    expect(rows.filter((r) => r.balance < 0)).toEqual([]);
  });

  it('computes every account through the ledger projection: a rebuild at load time finds nothing to change', async () => {
    const { rows } = await sql.query<{ at: Date }>('select max(updated_at) as at from point_accounts');
    const report = await rebuildProjections(sql, { now: (rows[0]?.at ?? new Date()).toISOString() });
    expect(report.differences).toEqual([]);
    expect(report.members).toBe(await count('point_accounts'));
  });

  it('gives each entry a source reference: a receipt number per shop, an order id for EC', async () => {
    const { rows } = await sql.query<{ channel: string; shop_id: string; ref: string; staff_id: string }>(
      'select channel, shop_id, ref, staff_id from point_entries order by posting_no',
    );
    expect(rows.filter((r) => (r.channel === 'ec' ? !/^EC-\d{8}$/.test(r.ref) : !/^R-[a-z]+-\d{6}$/.test(r.ref)))).toEqual([]);
    expect(rows.find((r) => r.channel === 'store' && r.shop_id === 'shop-shibuya')?.ref).toBe('R-shibuya-000001');
    expect(new Set(rows.map((r) => r.staff_id))).toEqual(new Set(['']));
  });

  it('gives posting numbers in createdAt order, posted when created', async () => {
    const { rows } = await sql.query<{ id: string }>('select id from point_entries order by posting_no');
    expect(rows.map((r) => r.id)).toEqual(expected.pointEntries.map((e) => e.id));
    const { rows: late } = await sql.query('select id from point_entries where posted_at <> created_at or at <> created_at');
    expect(late).toEqual([]);
  });

  it('stamps a distinct seq on every synced row', async () => {
    const { rows } = await sql.query<{ n: number; distinct: number }>(
      `select count(*)::int as n, count(distinct seq)::int as distinct from (
         select seq from members union all select seq from point_entries union all select seq from point_accounts
         union all select seq from products union all select seq from stock) s where seq is not null`,
    );
    const total = MEMBERS + expected.pointEntries.length + (await count('point_accounts')) + 500 + 2000;
    expect(rows[0]).toEqual({ n: total, distinct: total });
  });

  it('stores only valid JANs', async () => {
    const { rows } = await sql.query<{ jan: string }>('select jan from products');
    expect(rows.filter((r) => !isValidJan(r.jan))).toEqual([]);
  });

  it('refuses a database that already has data, and leaves it as it was', async () => {
    await expect(loadDemoData(sql, { members: 10, seed: 4 })).rejects.toThrow(/empty database/);
    expect(await count('members')).toBe(MEMBERS);
  });
});
