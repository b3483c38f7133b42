import { migrate } from './migrate.ts';
import { openPg } from './pg-driver.ts';
import { openPglite } from './pglite-driver.ts';
import type { Sql } from './sql.ts';

export type StoreOptions =
  /** Embedded PGlite; in memory when dataDir is undefined. */
  | { dataDir?: string | undefined; databaseUrl?: undefined }
  /** PostgreSQL (many instances share it). */
  | { databaseUrl: string };

/** Opens the configured database and brings its schema up to date. */
export async function openStore(options: StoreOptions = {}): Promise<Sql> {
  const sql = options.databaseUrl === undefined ? await openPglite(options.dataDir) : openPg(options.databaseUrl);
  try {
    await migrate(sql);
  } catch (error) {
    await sql.close();
    throw error;
  }
  return sql;
}
