import { describe, expect, it } from 'vitest';
import { DEFAULT_POINTS_POLICY } from '../../src/protocol/index.ts';
import { rebuildProjections } from '../../server/services/projections.ts';
import { pointsPolicy } from '../../server/services/settings.ts';
import { migrate, readMigrations } from '../../server/store/migrate.ts';
import { openPglite } from '../../server/store/pglite-driver.ts';

/**
 * Upgrading a chain that ran 0001: its entries get their business time, its
 * earn rate moves into the policy, and its accounts (still summary-less) are
 * brought up to the projection by a rebuild — which the daily job runs
 * shortly after start. PGlite only: it needs a database stopped at 0001.
 */
describe('migration 0002 on a database with 0001 data', () => {
  it('keeps every entry, dates it, carries the earn rate over, and a rebuild fills the new account fields', async () => {
    const all = await readMigrations();
    const sql = await openPglite();
    try {
      await migrate(sql, all.filter((m) => m.version === 1));
      await sql.exec(`
        update settings set value = '200' where key = 'yen_per_point';
        insert into members (id, member_no, name, updated_at) values ('m1', '1000000001', 'A', now());
        insert into point_entries (id, member_id, type, points, amount_yen, channel, shop_id, device_id, created_at, posting_no, posted_at)
        values ('0b7e0d8c-6f0e-4a53-9a43-5c6f4a3f0d11', 'm1', 'earn', 50, 10000, 'store', 's', 'd', '2026-01-05T10:00:00Z', nextval('posting_no_seq'), '2026-01-05T10:00:05Z'),
               ('0b7e0d8c-6f0e-4a53-9a43-5c6f4a3f0d12', 'm1', 'redeem', 20, 0, 'store', 's', 'd', '2026-01-06T10:00:09Z', nextval('posting_no_seq'), '2026-01-06T10:00:05Z');
        insert into point_accounts (member_id, balance, posted_through, updated_at) values ('m1', 30, 2, now());`);
      expect(await migrate(sql, all.filter((m) => m.version <= 2))).toEqual([2]);

      const { rows } = await sql.query<{ at: Date; ref: string; flags: string[] }>('select at, ref, flags from point_entries order by posting_no');
      expect(rows.map((r) => r.at.toISOString())).toEqual(['2026-01-05T10:00:00.000Z', '2026-01-06T10:00:05.000Z']);
      expect(rows.map((r) => [r.ref, r.flags])).toEqual([['', []], ['', []]]);
      expect(await pointsPolicy(sql)).toEqual({ ...DEFAULT_POINTS_POLICY, yenPerPoint: 200 });

      const now = '2026-02-01T00:00:00Z';
      const report = await rebuildProjections(sql, { now, fix: true });
      expect(report.differences.map((d) => d.field)).toEqual(['available', 'lots']);
      expect((await rebuildProjections(sql, { now })).differences).toEqual([]);
    } finally {
      await sql.close();
    }
  });
});
