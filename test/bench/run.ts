/**
 * `npm run bench`: measures what the issues set targets for, each against a
 * baseline measured in the same run, prints a table and writes
 * docs/benchmarks.md. Never part of `npm test`: timings on these shared
 * machines are noisy, so they are reported as medians and ratios, not asserted.
 */
import { resolve } from 'node:path';
import { startTenpo } from '../../server/start.ts';
import { benchLedgerPush } from './ledger-push.ts';
import { benchMemberImport } from './member-import.ts';
import { benchRebuild } from './rebuild-projections.ts';
import { table, writeMarkdown, type BenchRow } from './report.ts';

const OUTPUT = resolve(import.meta.dirname, '../../docs/benchmarks.md');
const rows: BenchRow[] = [];
const notes: string[] = [];

console.log('Starting an embedded (PGlite, in memory) server with the 10,000-member demo chain…');
const started = performance.now();
const server = await startTenpo({ port: 0, host: '127.0.0.1', dataDir: undefined, demo: { members: 10_000 }, dailyJob: false, logger: false });
notes.push(`Demo chain loaded into in-memory PGlite in ${((performance.now() - started) / 1000).toFixed(1)} s (one run).`);
try {
  rows.push(await benchRebuild(server.store));
  console.log(table(rows));
  rows.push(await benchLedgerPush(server, 'PGlite', 2_000));
  console.log(table(rows.slice(-1)));
  const memberImport = await benchMemberImport(server.store);
  rows.push(memberImport.row);
  notes.push(memberImport.note);
  console.log(table(rows.slice(-1)));
} finally {
  await server.close();
}

console.log(`\n${table(rows)}\n`);
await writeMarkdown(OUTPUT, rows, notes);
console.log(`Wrote ${OUTPUT}`);
