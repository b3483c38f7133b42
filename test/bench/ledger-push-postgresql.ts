import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startTenpo } from '../../server/start.ts';
import { benchLedgerPush, LEDGER_PUSH_TARGETS, ledgerPushRowName } from './ledger-push.ts';
import type { BenchRow } from './report.ts';

/** Where the PostgreSQL figure is measured: BENCH_DATABASE_URL, else the test suite's TEST_DATABASE_URL. */
export function benchDatabaseUrl(): string | undefined {
  return process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
}

/**
 * The push figure on real PostgreSQL: a throw-away database on the given
 * cluster, the same 10,000-member demo chain as the PGlite run, dropped
 * afterwards. Without a cluster the row says so instead of leaving a gap.
 */
export async function benchLedgerPushOnPostgresql(adminUrl: string | undefined, members: number): Promise<BenchRow> {
  if (adminUrl === undefined) return notMeasured();
  const name = `tenpo_bench_${randomBytes(6).toString('hex')}`;
  await withClient(adminUrl, (client) => client.query(`create database ${name}`));
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const server = await startTenpo({ port: 0, host: '127.0.0.1', databaseUrl: url.toString(), demo: { members }, dailyJob: false, logger: false });
    try {
      return await benchLedgerPush(server, 'PostgreSQL');
    } finally {
      await server.close();
    }
  } finally {
    await withClient(adminUrl, (client) => client.query(`drop database if exists ${name} with (force)`));
  }
}

function notMeasured(): BenchRow {
  return {
    name: ledgerPushRowName('PostgreSQL'),
    value: Number.NaN,
    baselineName: 'plain INSERT floor',
    baseline: Number.NaN,
    unit: 'entries/s',
    better: 'higher',
    runs: 0,
    target: `≥ ${LEDGER_PUSH_TARGETS.PostgreSQL.toLocaleString('en-US')}/s`,
    met: null,
    notMeasured: 'not measured: set BENCH_DATABASE_URL or TEST_DATABASE_URL to a PostgreSQL cluster',
  };
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
