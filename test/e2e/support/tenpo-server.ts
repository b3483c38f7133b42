import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inject } from 'vitest';
import { startTenpo, type RunningTenpo } from '../../../server/start.ts';

// TENPO_TEST_DIST: a build elsewhere, so several working copies can test at once.
export const DIST_DIR = process.env.TENPO_TEST_DIST ?? resolve(import.meta.dirname, '../../../dist');

export interface TestServer extends RunningTenpo {
  apiKey: string;
  enrolmentCode: string;
  /** GET an /api/v1 path with the API key, failing on any non-2xx. */
  api<T>(path: string): Promise<T>;
  stop(): Promise<void>;
}

/**
 * The real server on a free port with a temp PGlite directory and a small demo
 * chain, serving the PWA that `npm test` built. Fails loudly if the build is
 * missing rather than testing a page that cannot exist.
 */
export async function startTestServer(members = 300): Promise<TestServer> {
  if (!existsSync(join(DIST_DIR, 'index.html'))) {
    throw new Error(`No built PWA in ${DIST_DIR}: run "npm run build" first (npm test does it).`);
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'tenpo-e2e-'));
  // The chain made once for this run (demo-templates.ts), copied: the server starts on it as on any restart.
  const template = inject('demoTemplates')[String(members)];
  if (template !== undefined) await cp(template, dataDir, { recursive: true });
  const running = await startTenpo({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    staticDir: DIST_DIR,
    demo: { members },
    // The daily points job (expiries, account refresh) would post entries at
    // a moment of its own choosing and make entry counts in tests race it.
    dailyJob: false,
    logger: false,
  });
  const { apiKey, enrolmentCode } = running;
  if (!apiKey || !enrolmentCode) throw new Error('the demo server gave no API key or enrolment code');
  return {
    ...running,
    apiKey,
    enrolmentCode,
    async api<T>(path: string): Promise<T> {
      const response = await fetch(`${running.url}${path}`, { headers: { authorization: `Bearer ${apiKey}` } });
      if (!response.ok) throw new Error(`GET ${path} → ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
    async stop() {
      await running.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The member's balance as the server has posted it: what every tablet must come to show. */
export async function postedBalance(server: TestServer, memberNo: string): Promise<number> {
  return (await server.api<{ balance: number }>(`/api/v1/members/${memberNo}/points`)).balance;
}

/** Every point entry the server holds, whoever posted it: a retried push must not add a second. */
export async function pointEntryCount(server: TestServer): Promise<number> {
  const { rows } = await server.store.query<{ n: number }>('select count(*)::int as n from point_entries');
  return rows[0]?.n ?? 0;
}
