import { describe, expect, it } from 'vitest';
import { SYNCED_TABLES } from '../../server/services/collections.ts';
import { migrate, readMigrations } from '../../server/store/migrate.ts';
import { openPglite } from '../../server/store/pglite-driver.ts';

/**
 * Upgrading a chain that has purchases and contacts: the view the tablets
 * pull shows each under its prefixed id, content as stored, contacts without
 * a shop; history older than the device window (90 days by default) is off
 * the devices from the start, so a tablet's first pull carries none of its
 * text. PGlite only: it needs a database stopped at 0016.
 */
describe('migration 0017 on a database with purchases and contacts', () => {
  it('shows the existing rows in timeline_items, the ones older than the window as tombstones', async () => {
    const all = await readMigrations();
    const sql = await openPglite();
    try {
      await migrate(sql, all.filter((m) => m.version <= 16));
      await sql.exec(`
        insert into locations (id, kind, name) values ('s1', 'store', 'A店');
        insert into members (id, member_no, name, updated_at) values ('m1', '1000000001', 'A', now());
        insert into purchases (id, member_id, channel, ref, shop_id, at, total_yen, lines)
          values ('p1', 'm1', 'store', 'R-1', 's1', now() - interval '3 days', 300, '[{"jan": "20000017", "name": "", "quantity": 1, "amountYen": 300}]');
        insert into contacts (id, member_id, channel, at, summary, staff) values ('c1', 'm1', 'line', now() - interval '2 days', '在庫の問い合わせ', '佐藤'),
                 ('c0', 'm1', 'phone', now() - interval '91 days', '昔の電話', '田中');`);
      expect(await migrate(sql, all.filter((m) => m.version <= 17))).toEqual([17]);

      const t = SYNCED_TABLES.timeline;
      const { rows } = await sql.query(`select ${t.columns} from ${t.table} order by seq, id`);
      expect(rows.map((row) => t.toDocument(row))).toEqual([
        expect.objectContaining({ id: 'purchase:p1', kind: 'purchase', channel: 'store', shopId: 's1', ref: 'R-1', totalYen: 300, summary: '', _deleted: false }),
        expect.objectContaining({ id: 'contact:c1', kind: 'contact', channel: 'line', shopId: '', ref: '', lines: [], summary: '在庫の問い合わせ', staff: '佐藤', _deleted: false }),
        // Aged by the migration: a new seq, last.
        expect.objectContaining({ id: 'contact:c0', summary: '', staff: '', _deleted: true }),
      ]);
      const flags = await sql.query('select id, off_device from purchases union all select id, off_device from contacts order by id');
      expect(flags.rows).toEqual([
        { id: 'c0', off_device: true },
        { id: 'c1', off_device: false },
        { id: 'p1', off_device: false },
      ]);
    } finally {
      await sql.close();
    }
  });
});
