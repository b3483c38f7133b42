import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../server/demo/load.ts';
import { findCandidates } from '../../server/services/identity/candidates.ts';
import { openStore } from '../../server/store/open-store.ts';
import type { Sql } from '../../server/store/sql.ts';

// The demo's deliberate duplicates feed both 名寄せ bands, so `npm start` has something to show.
// The loader insists on an empty database: in-memory PGlite of its own, like demo-load.test.ts.
describe('demo duplicates in the 名寄せ bands', () => {
  let sql: Sql;
  beforeAll(async () => {
    sql = await openStore();
    await loadDemoData(sql, { members: 3000, seed: 3 });
  });
  afterAll(async () => {
    await sql.close();
  });

  it('puts some pairs in auto-link and some in review, each a deliberate duplicate', async () => {
    const { rows } = await sql.query<{ n: number }>('select count(*)::int as n from members where phone_verified');
    const auto = await findCandidates(sql, { band: 'auto-link', limit: 1000 });
    const review = await findCandidates(sql, { band: 'review', limit: 1000 });
    expect(auto.length).toBeGreaterThan(0);
    expect(review.length).toBeGreaterThan(0);
    expect(auto.length * 2).toBe(rows[0]?.n);
    for (const pair of [...auto, ...review]) expect(pair.a.nameKana).toBe(pair.b.nameKana);
  });
});
