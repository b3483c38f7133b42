import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startTenpo, type RunningTenpo } from '../../server/start.ts';
import { randomToken, sha256Hex } from '../../server/services/tokens.ts';
import { BENCH_RUNS, percentile } from './bench-runs.ts';
import { scaled, scaleNote } from './bench-scale.ts';
import { median, type BenchRow } from './report.ts';
import { enrolDevice } from './enrol-device.ts';
import type { StreamCommand, StreamReport } from './stream-clients.ts';
import type { PairAnswer, PairCommand } from './tablet-pair.ts';

const WRITES_PER_RUN = 50;
const WARM_UP = 3;
const STREAM_LEVELS = [1_000, 5_000];
const HELD_TARGET = 10_000;

/**
 * Issue 8: change propagation from tablet A's write to tablet B with 1,000 and
 * 5,000 other live streams on the same instance, and how many live streams one
 * instance holds, with its memory. A and B are Node tablets in a child process
 * (tablet-pair.ts: the app's RxDB, replication, feed and SSE code over HTTP;
 * memory storage): "B's screen" is B's point_entries collection emitting the
 * entry, which the counter's hooks observe. The other streams are plain SSE
 * clients of enrolled devices in another child process, spread over the demo's shops.
 */
export async function benchLiveStreams(): Promise<{ rows: BenchRow[]; notes: string[] }> {
  const server = await startTenpo({ port: 0, host: '127.0.0.1', dataDir: undefined, demo: { members: 300 }, dailyJob: false, logger: false, rateLimits: false });
  const levels = STREAM_LEVELS.map((n) => scaled(n));
  const held = scaled(HELD_TARGET);
  const tokens = await makeDevices(server, held);
  const clients = fork(resolve(import.meta.dirname, 'stream-clients.ts'), { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const tablets = fork(resolve(import.meta.dirname, 'tablet-pair.ts'), { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const shop = server.enrolmentCodes[0];
  if (!shop) throw new Error('the demo chain has no shop');
  const a = await enrolDevice(server.url, shop.code, 'bench tablet A');
  const b = await enrolDevice(server.url, shop.code, 'bench tablet B');
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  try {
    await ask(tablets, { kind: 'open', url: server.url, a, b, memberId: await homeMember(server, shop.shopId) });
    const write = async (): Promise<number> => {
      const answer = await ask(tablets, { kind: 'write' });
      if (answer.kind !== 'written') throw new Error('the tablets did not write');
      return answer.ms;
    };
    const alone = await measure(write);
    let opened = 0;
    let report: StreamReport | null = null;
    for (const level of levels) {
      report = await openStreams(clients, server.url, tokens.slice(opened, level));
      opened = level;
      if (report.open < level) throw new Error(`only ${report.open} of ${level} streams opened: ${report.firstError ?? 'no error'}`);
      const loaded = await measure(write);
      rows.push(propagationRow('p50', level, loaded.p50, alone.p50, 100), propagationRow('p99', level, loaded.p99, alone.p99, 500));
    }
    const before = process.memoryUsage();
    report = await openStreams(clients, server.url, tokens.slice(opened, held));
    const after = process.memoryUsage();
    const reached = report.open;
    rows.push({
      name: `live streams one instance holds (PGlite in memory, this 2-core machine; RSS ${mib(after.rss)}, heap ${mib(after.heapUsed)} at the end)${scaleNote()}`,
      value: reached,
      baselineName: 'streams asked for',
      baseline: held,
      unit: 'streams',
      better: 'higher',
      runs: 1,
      target: `≥ ${HELD_TARGET.toLocaleString('en-US')}`,
      met: reached >= HELD_TARGET,
    });
    notes.push(
      `Propagation: tablets A and B are Node tablets in a child process, enrolled at ${shop.shopId} (the app's replication, collection feed and SSE stream code, RxDB memory storage); A inserts an earn for a home-shop member into its point_entries, its replication pushes it, and the time runs until B's collection emits it from the stream. ${WRITES_PER_RUN} writes per run after ${WARM_UP} unmeasured, ${BENCH_RUNS} runs, median of the per-run percentiles; baseline: the same with no other stream open (p50 ${alone.p50.toFixed(1)} ms, p99 ${alone.p99.toFixed(1)} ms). The other streams are enrolled devices spread over the demo's ${server.enrolmentCodes.length} shops, so about 1 in ${server.enrolmentCodes.length} of them also receives each entry.`,
      `Live streams: ${reached.toLocaleString('en-US')} of ${held.toLocaleString('en-US')} opened (${report.failed} failed${report.firstError ? `, first: ${report.firstError}` : ''}; ${report.dropped} dropped later) from a child process. Server process: RSS ${mib(before.rss)} → ${mib(after.rss)} and heap ${mib(before.heapUsed)} → ${mib(after.heapUsed)} while the last ${(held - opened).toLocaleString('en-US')} streams opened (${(((after.rss - before.rss) / Math.max(1, held - opened)) / 1024).toFixed(1)} KiB RSS per stream). Open-file limit of the server process: ${openFileLimit()}.`,
    );
  } finally {
    clients.send({ kind: 'close' } satisfies StreamCommand);
    tablets.send({ kind: 'close' } satisfies PairCommand);
    await Promise.all([new Promise((done) => clients.once('exit', done)), new Promise((done) => tablets.once('exit', done))]);
    await server.close();
  }
  return { rows, notes };
}

interface Percentiles {
  p50: number;
  p99: number;
}

async function measure(write: () => Promise<number>): Promise<Percentiles> {
  const p50: number[] = [];
  const p99: number[] = [];
  for (let run = 0; run < BENCH_RUNS; run += 1) {
    const times: number[] = [];
    for (let i = 0; i < WARM_UP + WRITES_PER_RUN; i += 1) {
      const ms = await write();
      if (i >= WARM_UP) times.push(ms);
    }
    p50.push(percentile(times, 50));
    p99.push(percentile(times, 99));
  }
  return { p50: median(p50), p99: median(p99) };
}

function propagationRow(which: 'p50' | 'p99', streams: number, value: number, baseline: number, target: number): BenchRow {
  return {
    name: `change propagation ${which}: tablet A's earn → tablet B's collection, ${streams.toLocaleString('en-US')} other live streams (Node tablets, PGlite)${scaleNote()}`,
    value,
    baselineName: `${which} with no other stream`,
    baseline,
    unit: 'ms',
    better: 'lower',
    runs: BENCH_RUNS,
    target: `${which} ≤ ${target} ms`,
    met: value <= target,
  };
}

/** Devices for the other streams, straight into the table (enrolling thousands one by one would only time enrolment). */
async function makeDevices(server: RunningTenpo, count: number): Promise<string[]> {
  const shops = server.enrolmentCodes.map((code) => code.shopId);
  const tokens = Array.from({ length: count }, () => randomToken());
  const rows = tokens.map((token, i) => ({ id: randomUUID(), shop_id: shops[i % shops.length], name: `bench stream ${i + 1}`, token_hash: sha256Hex(token) }));
  for (let i = 0; i < rows.length; i += 5_000) {
    await server.store.query(
      `insert into devices (id, shop_id, name, token_hash)
       select id, shop_id, name, token_hash from jsonb_to_recordset($1::jsonb) as x (id text, shop_id text, name text, token_hash text)`,
      [JSON.stringify(rows.slice(i, i + 5_000))],
    );
  }
  return tokens;
}

function ask(tablets: ChildProcess, command: PairCommand): Promise<PairAnswer> {
  return new Promise((done, fail) => {
    tablets.once('message', (answer: PairAnswer) => (answer.kind === 'failed' ? fail(new Error(answer.error)) : done(answer)));
    tablets.send(command);
  });
}

function openStreams(clients: ChildProcess, url: string, tokens: string[]): Promise<StreamReport> {
  return new Promise((done) => {
    clients.once('message', (report) => done(report as StreamReport));
    clients.send({ kind: 'open', url, tokens } satisfies StreamCommand);
  });
}

async function homeMember(server: RunningTenpo, shopId: string): Promise<string> {
  const { rows } = await server.store.query<{ id: string }>('select id from members where home_shop_id = $1 and merged_into is null order by member_no limit 1', [shopId]);
  const member = rows[0];
  if (!member) throw new Error(`no member of ${shopId} in the demo chain`);
  return member.id;
}

function mib(bytes: number): string {
  return `${Math.round(bytes / 2 ** 20)} MiB`;
}

/** "soft/hard" from /proc (Node cannot raise it: an ulimit -n before npm run bench can). */
function openFileLimit(): string {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const [soft, hard] = line?.split(/\s{2,}/).slice(1, 3) ?? [];
    return `${soft ?? '?'} soft / ${hard ?? '?'} hard`;
  } catch {
    return 'unknown (no /proc)';
  }
}
