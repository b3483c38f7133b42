import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { monthSchema, TenpoError } from '../../src/protocol/index.ts';
import { closeToCsv } from '../services/month-close-csv.ts';
import { closeMonth, getClose } from '../services/month-close.ts';
import { openStore } from '../store/open-store.ts';
import type { Sql } from '../store/sql.ts';

const USAGE = `usage: npm run close-month -- YYYY-MM [--csv FILE | --csv -] [--show]

Closes a JST month (月末締め) into an immutable snapshot and prints it as JSON.
  --csv FILE  also write the close as CSV to FILE; "--csv -" writes the CSV to
              stdout (the JSON then goes to stderr)
  --show      print (and export) a month closed before, without closing anything
Storage as for npm start: DATABASE_URL, else the PGlite directory DATA_DIR
(./data). PGlite allows one process: while the server runs on it, close with
POST /api/v1/closes instead.`;

export interface CliIo {
  sql: Sql;
  out: (text: string) => void;
  err: (text: string) => void;
  /** The clock (tests); default now. */
  now?: string;
}

/** The command without the process around it: returns the exit code (0 done, 1 refused, 2 usage). */
export async function runCloseMonth(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { csv: { type: 'string' }, show: { type: 'boolean' } } });
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const month = parsed.positionals[0];
  if (parsed.positionals.length !== 1 || !monthSchema.safeParse(month).success || month === undefined) {
    io.err(`${USAGE}\n`);
    return 2;
  }

  let close;
  try {
    close = parsed.values.show ? await getClose(io.sql, month) : await closeMonth(io.sql, month, io.now);
  } catch (error) {
    if (!(error instanceof TenpoError)) throw error;
    io.err(`${error.code}: ${error.message}${error.details === undefined ? '' : ` ${JSON.stringify(error.details)}`}\n`);
    return 1;
  }
  if (!close) {
    io.err(`not-found: ${month} has not been closed\n`);
    return 1;
  }

  const json = `${JSON.stringify(close, null, 2)}\n`;
  const csvTarget = parsed.values.csv;
  if (csvTarget === '-') {
    io.out(closeToCsv(close));
    io.err(json);
  } else {
    io.out(json);
    if (csvTarget !== undefined) await writeFile(resolve(csvTarget), closeToCsv(close), 'utf8');
  }
  return 0;
}

async function main(): Promise<void> {
  const env = process.env;
  const sql = await openStore(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: resolve(env.DATA_DIR ?? './data') });
  try {
    process.exitCode = await runCloseMonth(process.argv.slice(2), {
      sql,
      out: (text) => process.stdout.write(text),
      err: (text) => process.stderr.write(text),
    });
  } finally {
    // Closing PGlite cleanly flushes its data directory.
    await sql.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
