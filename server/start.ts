import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { createStreamHub } from './fanout/hub.ts';
import { type ChangeNotifier, createInProcessNotifier } from './fanout/notifier.ts';
import { openPgNotifier } from './fanout/pg-notifier.ts';
import { buildApp } from './http/app.ts';
import { DEFAULT_RATE_LIMITS, type RateLimits } from './http/security.ts';
import { startDailyJob, type DailyJob } from './jobs/daily.ts';
import { ensureDemoApiKey } from './services/api-keys.ts';
import { type EnrolmentCode, ensureEnrolmentCodes } from './services/enrolment.ts';
import { STARTUP_LOCK } from './store/locks.ts';
import { openStore } from './store/open-store.ts';
import { refreshStatistics } from './store/statistics.ts';
import type { Sql } from './store/sql.ts';

export interface TenpoOptions {
  /** 0 = a free port (tests). Default 8080. */
  port?: number;
  host?: string;
  /** PGlite data directory; undefined = in memory. Ignored when databaseUrl is set. */
  dataDir?: string | undefined;
  /** PostgreSQL instead of PGlite. */
  databaseUrl?: string | undefined;
  /** The built PWA; default `dist/` at the repo root. */
  staticDir?: string | undefined;
  /** Demo data loaded into an empty database on first run; false = none. */
  demo?: { members?: number; seed?: number; historyEndsAt?: string } | false;
  /** TENPO_API_KEY: valid for /api/v1 in addition to stored keys. */
  apiKey?: string | undefined;
  logger?: FastifyServerOptions['logger'];
  heartbeatMs?: number;
  /**
   * The points daily job (expiries, account refresh): how often, and how soon
   * after start the first run is. false = never (tests that own the clock).
   */
  dailyJob?: { intervalMs?: number; firstRunMs?: number } | false;
  /** Rate limits on enrolment, card pairing and /api/v1; default DEFAULT_RATE_LIMITS, false = none. */
  rateLimits?: RateLimits | false;
  /** Addresses of the load balancer whose X-Forwarded-For is believed (TRUST_PROXY); default none. */
  trustProxy?: boolean | string;
}

export interface RunningTenpo {
  url: string;
  /** The first shop's enrolment code (undefined when there is no shop). */
  enrolmentCode: string | undefined;
  enrolmentCodes: EnrolmentCode[];
  /** `options.apiKey` if given, else the demo key: a key that works, for tests and scripts. */
  apiKey: string | undefined;
  /** The stored demo key (undefined with `demo: false`). */
  demoApiKey: string | undefined;
  /** True when this start loaded the demo data. */
  loadedDemo: boolean;
  store: Sql;
  app: FastifyInstance;
  /** Undefined with `dailyJob: false`. */
  dailyJob: DailyJob | undefined;
  close(): Promise<void>;
}

/** config → storage → http: everything `npm start` runs, callable from tests. */
export async function startTenpo(options: TenpoOptions = {}): Promise<RunningTenpo> {
  const store = await openStore(options.databaseUrl ? { databaseUrl: options.databaseUrl } : { dataDir: options.dataDir });
  let app: FastifyInstance | undefined;
  let notifier: ChangeNotifier | undefined;
  try {
    const data = await prepareData(store, options.demo);
    // On PostgreSQL other instances may share the database: their writes must reach our streams.
    notifier = options.databaseUrl
      ? await openPgNotifier({
          connectionString: options.databaseUrl,
          publisher: store,
          onError: (error) => app?.log.warn({ err: error }, 'change notifications between instances interrupted; retrying'),
        })
      : createInProcessNotifier();
    const hub = createStreamHub({
      sql: store,
      notifier,
      onError: (error, collection) =>
        app?.log.error({ err: error, collection }, collection ? 'stream tailer failed' : 'revoked-device check of open streams failed'),
    });
    app = await buildApp({
      sql: store,
      notifier,
      hub,
      staticDir: options.staticDir,
      apiKey: options.apiKey,
      logger: options.logger,
      heartbeatMs: options.heartbeatMs,
      rateLimits: options.rateLimits ?? DEFAULT_RATE_LIMITS,
      trustProxy: options.trustProxy,
    });
    // Tail from the newest row before accepting streams; older rows reach tablets by pull.
    await hub.start();
    const host = options.host ?? '0.0.0.0';
    await app.listen({ port: options.port ?? 8080, host });
    const running = app;
    const changes = notifier;
    const daily =
      options.dailyJob === false
        ? undefined
        : startDailyJob({ sql: store, notifier, log: running.log, ...withoutUndefined(options.dailyJob ?? {}) });
    return {
      url: urlOf(running, host),
      enrolmentCode: data.enrolmentCodes[0]?.code,
      enrolmentCodes: data.enrolmentCodes,
      apiKey: options.apiKey ?? data.demoKey,
      demoApiKey: data.demoKey,
      loadedDemo: data.loadedDemo,
      store,
      app: running,
      dailyJob: daily,
      async close() {
        // Before the store closes: a run in progress finishes first.
        await daily?.stop();
        await running.close();
        await changes.close();
        await store.close();
      },
    };
  } catch (error) {
    await app?.close();
    await notifier?.close();
    await store.close();
    throw error;
  }
}

/** First run: demo data. Every run: an enrolment code per shop and the demo key, made once and kept. */
async function prepareData(store: Sql, demo: TenpoOptions['demo']) {
  const loadedDemo = demo !== false && (await isEmpty(store)) && (await loadDemo(store, demo));
  // Several instances may start at once on PostgreSQL: one of them makes the codes and the key.
  return store.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [STARTUP_LOCK]);
    const enrolmentCodes = await ensureEnrolmentCodes(tx);
    const demoKey = demo === false ? undefined : await ensureDemoApiKey(tx);
    return { loadedDemo, enrolmentCodes, demoKey };
  });
}

/** True when this instance loaded the demo; false when another one starting beside it did. */
async function loadDemo(store: Sql, demo: TenpoOptions['demo']): Promise<boolean> {
  // Imported only on first run: later starts do not pay for the generator.
  const { loadDemoData } = await import('./demo/load.ts');
  try {
    // The demo's year of history ends today, so its points are current rather than expired.
    await loadDemoData(store, { historyEndsAt: new Date().toISOString(), ...(demo ?? {}) });
  } catch (error) {
    // loadDemoData re-checks emptiness under its lock: the instance that got there first loaded it.
    if (!(await isEmpty(store))) return false;
    throw error;
  }
  // The first pushes must not be planned for the empty tables the migrations made.
  await refreshStatistics(store);
  return true;
}

async function isEmpty(sql: Sql): Promise<boolean> {
  const { rows } = await sql.query<{ used: boolean }>(
    `select exists (select 1 from locations) or exists (select 1 from members) or exists (select 1 from products) as used`,
  );
  return rows[0]?.used !== true;
}

function urlOf(app: FastifyInstance, host: string): string {
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  // 0.0.0.0 is where the server listens, not an address a person can open.
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return `http://${shown}:${port}`;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
