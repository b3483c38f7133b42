import { resolve } from 'node:path';
import { DEMO_APPROVAL_THRESHOLD_POINTS, DEMO_MANAGER_PIN } from './demo/manager-pin.ts';
import { DEMO_CLERK_PIN, DEMO_HQ_PIN, DEMO_HQ_STAFF_ID } from './demo/staff.ts';
import { rateLimitsFromEnv, trustProxyFromEnv } from './http/security.ts';
import { startTenpo } from './start.ts';

/**
 * `npm start` / `npm run serve`: read the environment, start, print how to
 * connect. PGlite in ./data unless DATABASE_URL points at PostgreSQL.
 */
const env = process.env;
const port = Number(env.PORT ?? 8080);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${env.PORT}`);

const tenpo = await startTenpo({
  port,
  host: env.HOST ?? '0.0.0.0',
  dataDir: resolve(env.DATA_DIR ?? './data'),
  databaseUrl: env.DATABASE_URL || undefined,
  apiKey: env.TENPO_API_KEY || undefined,
  logger: { level: env.LOG_LEVEL ?? 'info' },
  rateLimits: rateLimitsFromEnv(env),
  trustProxy: trustProxyFromEnv(env.TRUST_PROXY),
  // POINTS_JOB_INTERVAL_MS: how often expiries are posted and accounts refreshed (default daily).
  dailyJob: env.POINTS_JOB_INTERVAL_MS ? { intervalMs: positiveMs(env.POINTS_JOB_INTERVAL_MS) } : {},
});

function positiveMs(value: string): number {
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 1000) throw new Error(`POINTS_JOB_INTERVAL_MS must be a whole number of milliseconds ≥ 1000, got ${value}`);
  return ms;
}

// Plain lines, not log records: this is what a person reads to get started.
const lines = [
  '',
  `Tenpo is running at ${tenpo.url}`,
  ...(tenpo.loadedDemo ? ['Demo data loaded (first run).'] : []),
  'Enrolment codes (type one into a tablet to connect it to a shop):',
  ...tenpo.enrolmentCodes.map((c) => `  ${c.code}  ${c.shopName} (${c.shopId})`),
  ...(tenpo.demoApiKey ? [`Demo API key for /api/v1: ${tenpo.demoApiKey}`] : []),
  ...(tenpo.demoApiKey
    ? [
        `Demo staff PINs: clerks ${DEMO_CLERK_PIN}, managers ${DEMO_MANAGER_PIN} (they approve redemptions over the offline cap, ` +
          `migrations over ${DEMO_APPROVAL_THRESHOLD_POINTS} points, adjustments and merges), hq (${DEMO_HQ_STAFF_ID}) ${DEMO_HQ_PIN}`,
      ]
    : []),
  '',
];
process.stdout.write(lines.join('\n') + '\n');

let closing = false;
const shutdown = (signal: string): void => {
  if (closing) return;
  closing = true;
  tenpo.app.log.info({ signal }, 'shutting down');
  // Closing PGlite cleanly matters: it flushes the data directory.
  tenpo.close().then(
    () => process.exit(0),
    (error: unknown) => {
      tenpo.app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
