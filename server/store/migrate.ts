import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { MIGRATE_LOCK } from './locks.ts';
import type { Sql } from './sql.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const FILE_NAME = /^(\d{4})-[a-z0-9-]+\.sql$/;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export async function readMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const name of names) {
    const match = FILE_NAME.exec(name);
    // A misnamed file would silently never run: refuse to start instead.
    if (!match?.[1]) throw new Error(`migration file name must look like 0001-some-name.sql: ${name}`);
    migrations.push({ version: Number(match[1]), name, sql: await readFile(`${dir}/${name}`, 'utf8') });
  }
  return migrations;
}

/**
 * Applies pending migrations in version order, each in its own transaction,
 * and records them in schema_migrations. Safe when several instances start at
 * once: the advisory lock serialises them and each re-reads what is applied.
 * Returns the versions it applied.
 */
export async function migrate(sql: Sql, migrations?: Migration[]): Promise<number[]> {
  const all = migrations ?? (await readMigrations());
  await sql.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATE_LOCK]);
    await tx.exec(`create table if not exists schema_migrations (
      version integer primary key,
      name text not null,
      applied_at timestamptz not null default now()
    )`);
  });

  const applied: number[] = [];
  for (const migration of all) {
    const didApply = await sql.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [MIGRATE_LOCK]);
      const done = await tx.query('select 1 from schema_migrations where version = $1', [migration.version]);
      if (done.rows.length > 0) return false;
      await tx.exec(migration.sql);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [migration.version, migration.name]);
      return true;
    });
    if (didApply) applied.push(migration.version);
  }
  return applied;
}
