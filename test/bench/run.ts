/**
 * `npm run bench`: measures what the issues set targets for, each against a
 * baseline measured in the same run, prints a table and writes
 * docs/benchmarks.md. Never part of `npm test`: timings on these shared
 * machines are noisy, so they are reported as medians and ratios, not asserted.
 */
import { resolve } from 'node:path';
import { startTenpo } from '../../server/start.ts';
import { benchLedgerPush } from './ledger-push.ts';
import { benchDatabaseUrl, benchLedgerPushOnPostgresql } from './ledger-push-postgresql.ts';
import { benchMemberImport } from './member-import.ts';
import { mergeMarkdown } from './merge-report.ts';
import { benchInitialSyncAndLookup } from './initial-sync.ts';
import { benchLiveStreams } from './live-streams.ts';
import { benchRebuild } from './rebuild-projections.ts';
import { table, writeMarkdown, type BenchRow } from './report.ts';
import { benchStockPropagation } from './stock-propagation.ts';

const OUTPUT = resolve(import.meta.dirname, '../../docs/benchmarks.md');
// `npm run bench -- stock` runs only the named benchmarks (rebuild, ledger, import, stock, sync, streams) and keeps the other rows of the report.
// `ledger` measures PGlite here and PostgreSQL on a throw-away database of BENCH_DATABASE_URL or TEST_DATABASE_URL.
// BENCH_SCALE=0.1 shrinks the sync and streams sizes, BENCH_RUNS their number of runs (bench-scale.ts, bench-runs.ts).
const only = process.argv.slice(2);
const wanted = (name: string): boolean => only.length === 0 || only.includes(name);
const DEMO_MEMBERS = 10_000;
const rows: BenchRow[] = [];
const notes: string[] = [];

console.log('Starting an embedded (PGlite, in memory) server with the 10,000-member demo chain…');
const started = performance.now();
const server = await startTenpo({ port: 0, host: '127.0.0.1', dataDir: undefined, demo: { members: DEMO_MEMBERS }, dailyJob: false, logger: false });
// A partial run leaves the note of the full run whose rows it keeps.
if (only.length === 0) notes.push(`Demo chain loaded into in-memory PGlite in ${((performance.now() - started) / 1000).toFixed(1)} s (one run).`);
try {
  if (wanted('rebuild')) {
    rows.push(await benchRebuild(server.store));
    console.log(table(rows.slice(-1)));
  }
  if (wanted('ledger')) {
    rows.push(await benchLedgerPush(server, 'PGlite'));
    console.log(table(rows.slice(-1)));
    rows.push(await benchLedgerPushOnPostgresql(benchDatabaseUrl(), DEMO_MEMBERS));
    console.log(table(rows.slice(-1)));
  }
  if (wanted('import')) {
    const memberImport = await benchMemberImport(server.store);
    rows.push(memberImport.row);
    notes.push(memberImport.note);
    console.log(table(rows.slice(-1)));
  }
  if (wanted('stock')) {
    const stock = await benchStockPropagation(server);
    rows.push(stock.row);
    notes.push(stock.note);
    console.log(table(rows.slice(-1)));
  }
} finally {
  await server.close();
}
// These start servers of their own (a seeded shop; thousands of devices), one at a time.
// Streams first: the memory it reports is the server process's RSS, which the sync group's
// 100,000-member in-memory database would otherwise still fill (a full run on 2026-12-04 read 1.8 GiB).
for (const [name, bench] of [
  ['streams', benchLiveStreams],
  ['sync', benchInitialSyncAndLookup],
] as const) {
  if (!wanted(name)) continue;
  const result = await bench();
  rows.push(...result.rows);
  notes.push(...result.notes);
  console.log(table(result.rows));
}

console.log(`\n${table(rows)}\n`);
await (only.length === 0 ? writeMarkdown(OUTPUT, rows, notes) : mergeMarkdown(OUTPUT, rows, notes));
console.log(`Wrote ${OUTPUT}`);
