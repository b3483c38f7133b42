import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { IMPORT_FIELDS, TenpoError } from '../../src/protocol/index.ts';
import { createInProcessNotifier } from '../fanout/notifier.ts';
import { parseMappingPairs } from '../services/member-import/columns.ts';
import { importMembers } from '../services/member-import/import-members.ts';
import type { Sql } from '../store/sql.ts';
import { openCliStore } from './cli-store.ts';
import { formatImportReport } from './import-report-text.ts';

const USAGE = `usage: npm run members:import -- FILE.csv [--dry-run] [--map HEADER=FIELD ...]

Imports a member list exported from Excel (CSV in Shift_JIS or UTF-8, detected)
and prints the report: rows, invalid rows with reasons, duplicates.
  --dry-run         report only; nothing is written
  --map 電話=phone   read the column 電話 as FIELD (${IMPORT_FIELDS.join(', ')});
                    repeat for more columns
The same file is imported once. Storage as for npm start: DATABASE_URL, else the
PGlite directory DATA_DIR (./data); stop a server running on PGlite first, or
use POST /api/v1/member-imports.`;

export interface ImportCliIo {
  sql: Sql;
  out: (text: string) => void;
  err: (text: string) => void;
}

/** The command without the process around it: returns the exit code (0 done, 1 refused, 2 usage). */
export async function runImportMembers(argv: readonly string[], io: ImportCliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { 'dry-run': { type: 'boolean' }, map: { type: 'string', multiple: true } } });
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const file = parsed.positionals[0];
  if (parsed.positionals.length !== 1 || file === undefined) {
    io.err(`${USAGE}\n`);
    return 2;
  }
  const notifier = createInProcessNotifier();
  try {
    const mapping = parseMappingPairs(parsed.values.map ?? [], IMPORT_FIELDS);
    const bytes = await readFile(resolve(file));
    const report = await importMembers({ sql: io.sql, notifier }, bytes, { dryRun: parsed.values['dry-run'] === true, mapping, fileName: basename(file) });
    io.out(formatImportReport(report));
    return 0;
  } catch (error) {
    if (!(error instanceof TenpoError)) throw error;
    io.err(`${error.code}: ${error.message}${error.details === undefined ? '' : ` ${JSON.stringify(error.details)}`}\n`);
    return 1;
  } finally {
    await notifier.close();
  }
}

async function main(): Promise<void> {
  const sql = await openCliStore();
  try {
    process.exitCode = await runImportMembers(process.argv.slice(2), {
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
