import pg from 'pg';
import type { Queryable, Sql } from './sql.ts';

const INT8_OID = 20;

/** Like pg's default, except bigint becomes a number (pg gives a string), as with PGlite. */
function getTypeParser(oid: number): (value: string) => unknown {
  if (oid === INT8_OID) return (value) => Number(value);
  return pg.types.getTypeParser(oid, 'text') as (value: string) => unknown;
}

/**
 * PostgreSQL through a connection pool, for chains that outgrow one machine
 * (DATABASE_URL). Same interface and same row types as the PGlite driver.
 */
export function openPg(connectionString: string, options: { max?: number } = {}): Sql {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    types: { getTypeParser: getTypeParser as typeof pg.types.getTypeParser },
  });
  // An idle client dying (database restart) must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);

  const wrap = (target: pg.Pool | pg.PoolClient): Queryable => ({
    async query<R>(text: string, params: readonly unknown[] = []) {
      const result = await target.query(text, [...params]);
      return { rows: result.rows as R[] };
    },
    async exec(script: string) {
      // No parameters: pg sends it with the simple protocol, which allows several statements.
      await target.query(script);
    },
  });

  return {
    driver: 'pg',
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn(wrap(client));
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
