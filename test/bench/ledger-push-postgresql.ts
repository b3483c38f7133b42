import { startTenpo } from '../../server/start.ts';
import { createThrowawayDatabase } from '../server/helpers/test-store.ts';
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
  const database = await createThrowawayDatabase(adminUrl);
  try {
    const server = await startTenpo({ port: 0, host: '127.0.0.1', databaseUrl: database.url, demo: { members }, dailyJob: false, logger: false });
    try {
      return await benchLedgerPush(server, 'PostgreSQL');
    } finally {
      await server.close();
    }
  } finally {
    await database.drop();
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
