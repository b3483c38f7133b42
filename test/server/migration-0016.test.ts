import { describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../../server/store/migrate.ts';
import { openPglite } from '../../server/store/pglite-driver.ts';

/**
 * Upgrading a chain that has purchases: migration 0016 gives every line of
 * every purchase its row, numbered from 1 in the order of the receipt, on the
 * member the purchase was posted to, while purchases.lines stays as it was.
 * PGlite only: it needs a database stopped at 0015.
 */
describe('migration 0016 on a database with purchases', () => {
  it('backfills purchase_lines from purchases.lines', async () => {
    const all = await readMigrations();
    const sql = await openPglite();
    try {
      await migrate(sql, all.filter((m) => m.version <= 15));
      const lines = [
        [
          { jan: '4570000000011', name: 'T M', quantity: 2, amountYen: 5800 },
          { jan: '20000017', name: '', quantity: 1, amountYen: 300 },
        ],
        [{ jan: '4570000000028', name: 'キャップ', quantity: 1, amountYen: 1900 }],
      ];
      await sql.exec(`
        insert into locations (id, kind, name) values ('s1', 'store', 'A店');
        insert into members (id, member_no, name, updated_at) values ('m1', '1000000001', 'A', now()), ('m2', '1000000002', 'B', now());`);
      await sql.query(
        `insert into purchases (id, member_id, channel, ref, shop_id, at, total_yen, lines)
         values ('p1', 'm1', 'store', 'R-1', 's1', '2026-04-01T10:00:00Z', 6100, $1::jsonb),
                ('p2', 'm2', 'ec', 'E-1', '', '2026-04-02T10:00:00Z', 1900, $2::jsonb)`,
        lines.map((l) => JSON.stringify(l)),
      );
      expect(await migrate(sql, all.filter((m) => m.version <= 16))).toEqual([16]);

      const { rows } = await sql.query('select purchase_id, line_no, member_id, jan, name, quantity from purchase_lines order by purchase_id, line_no');
      expect(rows).toEqual([
        { purchase_id: 'p1', line_no: 1, member_id: 'm1', jan: '4570000000011', name: 'T M', quantity: 2 },
        { purchase_id: 'p1', line_no: 2, member_id: 'm1', jan: '20000017', name: '', quantity: 1 },
        { purchase_id: 'p2', line_no: 1, member_id: 'm2', jan: '4570000000028', name: 'キャップ', quantity: 1 },
      ]);
      const kept = await sql.query<{ lines: unknown }>('select lines from purchases order by id');
      expect(kept.rows.map((r) => r.lines)).toEqual(lines);
    } finally {
      await sql.close();
    }
  });
});
