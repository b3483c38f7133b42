import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openStore } from '../store/open-store.ts';
import type { Sql } from '../store/sql.ts';

/**
 * The database a command works on: the same settings as the server
 * (DATABASE_URL, else PGlite in DATA_DIR, default ./data). PGlite is
 * single-process: stop the server first (its lock file refuses a second
 * opener). With PostgreSQL, commands run beside live servers; their streams
 * see the changes at the next change they hear of.
 */
export async function openCliStore(): Promise<Sql> {
  const url = process.env.DATABASE_URL;
  return openStore(url ? { databaseUrl: url } : { dataDir: resolve(process.env.DATA_DIR ?? './data') });
}

export interface CommonArgs {
  /** `--now=<ISO time>`: the clock the rules use (default: now; never later than now). */
  now: string;
  fix: boolean;
}

export function commonArgs(argv: readonly string[] = process.argv.slice(2)): CommonArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: { now: { type: 'string' }, fix: { type: 'boolean', default: false } },
    strict: true,
  });
  const now = values.now === undefined ? new Date() : new Date(values.now);
  if (Number.isNaN(now.getTime())) throw new Error(`--now must be an ISO time, got ${values.now}`);
  // A later clock would expire points before their day and post entries dated in the future:
  // neither can be taken back (the ledger is append-only). Earlier is fine: catching up.
  if (now.getTime() > Date.now() + 60_000) throw new Error(`--now must not be in the future, got ${values.now}`);
  return { now: now.toISOString(), fix: values.fix };
}

/** Runs a command: prints its error plainly and sets the exit code, closing the store in every case. */
export async function runCommand(fn: (sql: Sql, args: CommonArgs) => Promise<number>): Promise<void> {
  let sql: Sql | undefined;
  try {
    const args = commonArgs();
    sql = await openCliStore();
    process.exitCode = await fn(sql, args);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  } finally {
    await sql?.close();
  }
}
