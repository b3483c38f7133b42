import type { Sql } from './sql.ts';

/**
 * Refreshes the planner's statistics after the data changed a lot (the demo
 * load, the daily job). PostgreSQL's autovacuum does this on its own within a
 * minute; PGlite has no autovacuum, so without it the planner never learns
 * how big the tables became and keeps plans made for empty ones: a sequential
 * scan of every ledger entry behind each push, a sort of every member behind
 * each stream read. On PGlite it also vacuums, or every projection update
 * would leave a dead row behind for ever and the indexes would keep growing.
 * VACUUM cannot run inside a transaction: call it outside one.
 */
export async function refreshStatistics(sql: Sql): Promise<void> {
  await sql.exec(sql.driver === 'pglite' ? 'vacuum (analyze)' : 'analyze');
}
