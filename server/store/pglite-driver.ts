import { PGlite, types } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock.ts';
import type { Queryable, Sql } from './sql.ts';

export interface PgliteSql extends Sql {
  /** A tarball of the whole database: restores in a fraction of a fresh initdb. */
  dumpDataDir(): Promise<Blob>;
}

export interface PgliteOptions {
  /** Start from a dump made by dumpDataDir instead of an empty database. */
  loadDataDir?: Blob;
}

/**
 * Embedded PostgreSQL (WASM). One connection, so queries are serialised by
 * PGlite itself; `transaction` holds that connection for its whole callback.
 * Without a data dir the database lives in memory (tests).
 */
export async function openPglite(dataDir?: string, options: PgliteOptions = {}): Promise<PgliteSql> {
  const release = dataDir === undefined ? () => Promise.resolve() : await lockDataDir(dataDir);
  let db: PGlite;
  try {
    db = await PGlite.create({
      ...(dataDir === undefined ? {} : { dataDir }),
      ...(options.loadDataDir === undefined ? {} : { loadDataDir: options.loadDataDir }),
      // Sequences and money fit easily in 2^53; a number is what the documents carry.
      parsers: { [types.INT8]: (value: string) => Number(value) },
    });
  } catch (error) {
    await release();
    throw error;
  }

  const wrap = (target: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<R>(text: string, params: readonly unknown[] = []) {
      const result = await target.query<R>(text, [...params]);
      return { rows: result.rows };
    },
    async exec(script: string) {
      await target.exec(script);
    },
  });

  return {
    driver: 'pglite',
    ...wrap(db),
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    dumpDataDir: () => db.dumpDataDir('none'),
    async close() {
      await db.close();
      await release();
    },
  };
}
