import { createHash, randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrate, readMigrations } from '../../../server/store/migrate.ts';
import { openStore } from '../../../server/store/open-store.ts';
import { openPglite } from '../../../server/store/pglite-driver.ts';
import type { Sql } from '../../../server/store/sql.ts';

/**
 * Which backend this run of the server suite uses. vitest.config.ts runs the
 * suite once per backend: as project `server` on PGlite always, and again as
 * `server-postgresql` when TEST_DATABASE_URL is set (CI sets it).
 */
export const backendName: 'pglite' | 'postgresql' = process.env.TENPO_TEST_BACKEND === 'postgresql' ? 'postgresql' : 'pglite';

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a
 * throw-away database on the PostgreSQL of TEST_DATABASE_URL.
 */
export async function openTestStore(): Promise<Sql> {
  if (backendName === 'pglite') return openPgliteStore();
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TENPO_TEST_BACKEND=postgresql needs TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)');
  return openPostgresStore(adminUrl);
}

/**
 * A fresh PGlite costs seconds of initdb; restoring a dump of a freshly
 * migrated one costs a few hundred milliseconds. The dump is cached in the
 * temp dir under a hash of the migrations, so a changed migration makes a new
 * one, and migrate() still runs on the copy (a no-op that proves it).
 */
async function openPgliteStore(): Promise<Sql> {
  const migrations = await readMigrations();
  const key = createHash('sha256').update(JSON.stringify(migrations)).digest('hex').slice(0, 16);
  const template = join(tmpdir(), `tenpo-test-pglite-${key}.tar`);
  const cached = await readFile(template).catch(() => null);
  if (cached) {
    const sql = await openPglite(undefined, { loadDataDir: new Blob([cached]) });
    await migrate(sql, migrations);
    return sql;
  }
  const sql = await openPglite();
  await migrate(sql, migrations);
  const dump = Buffer.from(await (await sql.dumpDataDir()).arrayBuffer());
  // Test files run in parallel: write aside, then rename, so no one reads half a file.
  const partial = `${template}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(partial, dump);
  await rename(partial, template);
  return sql;
}

async function openPostgresStore(adminUrl: string): Promise<Sql> {
  const database = await createThrowawayDatabase(adminUrl);
  const sql = await openStore({ databaseUrl: database.url });
  return {
    ...sql,
    async close() {
      await sql.close();
      await database.drop();
    },
  };
}

export interface ThrowawayDatabase {
  /** Connection string of the new, empty database (not migrated). */
  url: string;
  /** Drops it, ending any connection still open to it. */
  drop(): Promise<void>;
}

/** A new, empty database on the PostgreSQL of `adminUrl`, for tests that start servers on it themselves. */
export async function createThrowawayDatabase(adminUrl: string): Promise<ThrowawayDatabase> {
  const name = `tenpo_test_${randomBytes(6).toString('hex')}`;
  await withClient(adminUrl, (client) => client.query(`create database ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withClient(adminUrl, (client) => client.query(`drop database if exists ${name} with (force)`)),
  };
}

/** TEST_DATABASE_URL, or a loud failure: a PostgreSQL-only test must never pass by not running. */
export function requireTestDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('this test needs PostgreSQL: set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)');
  return url;
}

async function withClient(url: string, fn: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}
