import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { createStreamHub } from '../../../server/fanout/hub.ts';
import { createInProcessNotifier } from '../../../server/fanout/notifier.ts';
import { buildApp } from '../../../server/http/app.ts';
import type { RateLimits } from '../../../server/http/security.ts';
import type { Sql } from '../../../server/store/sql.ts';
import { ENROLMENT_CODE } from './harness.ts';
import { createEnrolmentCode, SHOP_A, seedFixture } from './fixture.ts';
import { openTestStore } from './test-store.ts';

export interface SecureApp {
  app: FastifyInstance;
  sql: Sql;
  close(): Promise<void>;
}

/**
 * The real app on the fixture chain, like openHarness, but with the options
 * the harness keeps off: rate limits and a logger. No device is enrolled, so
 * a rate-limit test counts every enrolment itself.
 */
export async function openSecureApp(options: { apiKey?: string; rateLimits?: RateLimits | false; logger?: FastifyServerOptions['logger']; trustProxy?: boolean | string }): Promise<SecureApp> {
  const sql = await openTestStore();
  await seedFixture(sql);
  await createEnrolmentCode(sql, SHOP_A, ENROLMENT_CODE);
  const notifier = createInProcessNotifier();
  const hub = createStreamHub({
    sql,
    notifier,
    onError: (error) => {
      throw error;
    },
  });
  await hub.start();
  const app = await buildApp({
    sql,
    notifier,
    hub,
    staticDir: '/nonexistent-tenpo-dist',
    apiKey: options.apiKey,
    rateLimits: options.rateLimits,
    logger: options.logger,
    trustProxy: options.trustProxy,
  });
  return {
    app,
    sql,
    async close() {
      await app.close();
      await notifier.close();
      await sql.close();
    },
  };
}
