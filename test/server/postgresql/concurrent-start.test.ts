import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTenpo, type RunningTenpo } from '../../../server/start.ts';
import { readMigrations } from '../../../server/store/migrate.ts';
import { createThrowawayDatabase, requireTestDatabaseUrl, type ThrowawayDatabase } from '../helpers/test-store.ts';

// A deployment starts all its instances at once, on a database nobody has
// migrated yet: one migrates and loads the demo, the others wait and find it.
describe('instances starting together on an empty PostgreSQL database', () => {
  let database: ThrowawayDatabase;
  let started: RunningTenpo[] = [];

  beforeAll(async () => {
    database = await createThrowawayDatabase(requireTestDatabaseUrl());
  });
  afterAll(async () => {
    for (const tenpo of started) await tenpo.close();
    await database.drop();
  });

  it('migrate once, load the demo once, and agree on the enrolment codes and the demo key', async () => {
    const start = () =>
      startTenpo({
        port: 0,
        host: '127.0.0.1',
        databaseUrl: database.url,
        demo: { members: 20, seed: 3 },
        logger: false,
        dailyJob: false,
        rateLimits: false,
        staticDir: '/nonexistent-tenpo-dist',
      });
    started = await Promise.all([start(), start(), start()]);

    expect(started.filter((tenpo) => tenpo.loadedDemo)).toHaveLength(1);
    const [first] = started;
    expect(first?.enrolmentCodes.length).toBeGreaterThan(0);
    for (const tenpo of started) {
      expect(tenpo.enrolmentCodes).toEqual(first?.enrolmentCodes);
      expect(tenpo.demoApiKey).toBe(first?.demoApiKey);
    }

    const sql = first?.store;
    const applied = await sql?.query<{ version: number }>('select version from schema_migrations order by version');
    expect(applied?.rows.map((row) => row.version)).toEqual((await readMigrations()).map((migration) => migration.version));
    const members = await sql?.query<{ n: number }>('select count(*)::int as n from members');
    expect(members?.rows[0]?.n).toBe(20);
    const codes = await sql?.query<{ shops: number; codes: number }>(
      'select count(distinct shop_id)::int as shops, count(*)::int as codes from enrolment_codes where reusable',
    );
    expect(codes?.rows[0]?.codes).toBe(codes?.rows[0]?.shops);
    const keys = await sql?.query<{ n: number }>("select count(*)::int as n from api_keys where name = 'demo'");
    expect(keys?.rows[0]?.n).toBe(1);
  });
});
