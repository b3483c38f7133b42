import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, TenpoError } from '../../src/protocol/index.ts';
import type { StreamHub } from '../fanout/hub.ts';
import type { SyncServices } from '../services/sync-push.ts';
import { apiRoutes } from './api-routes.ts';
import { cardRoutes } from './card-routes.ts';
import { registerErrorHandler, sendError } from './errors.ts';
import { type RateLimits, redactedLogger, registerSecurity } from './security.ts';
import { isSpaRoute, registerPwa, sendShell } from './static-routes.ts';
import { deviceRoutes, registerEnrolRoute } from './sync-routes.ts';

export const DEFAULT_STATIC_DIR = resolve(fileURLToPath(new URL('../../dist/', import.meta.url)));

/** Pushes are at most 500 small documents; anything near this is a bug or an attack. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface AppOptions extends SyncServices {
  hub: StreamHub;
  /** The built PWA; default `dist/` at the repo root. */
  staticDir?: string | undefined;
  /** TENPO_API_KEY. */
  apiKey?: string | undefined;
  logger?: FastifyServerOptions['logger'];
  heartbeatMs?: number | undefined;
  /** Undefined or false = none (the test harness); startTenpo passes production limits. */
  rateLimits?: RateLimits | false | undefined;
  /** Fastify's trustProxy (see trustProxyFromEnv); default false. */
  trustProxy?: boolean | string | undefined;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: redactedLogger(options.logger),
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: options.trustProxy ?? false,
    // Malformed URLs are bad input like any other: same error shape, 400.
    frameworkErrors: (error, _request, reply) => {
      void sendError(reply, error);
    },
  });
  const services: SyncServices = { sql: options.sql, notifier: options.notifier };

  registerErrorHandler(app);
  await registerSecurity(app, options.rateLimits ?? false);
  app.decorateRequest('device', null);
  app.addHook('onRequest', (request, _reply, done) => {
    const sent = request.headers[PROTOCOL_HEADER];
    // Absent is fine (browsers loading the app, the EC site); different is not.
    if (sent !== undefined && sent !== String(PROTOCOL_VERSION)) {
      const details = { server: PROTOCOL_VERSION, client: sent };
      done(new TenpoError('protocol-mismatch', `server speaks protocol ${PROTOCOL_VERSION}; please update the app`, 426, details));
      return;
    }
    done();
  });
  // Open streams would keep close() waiting forever: end them first.
  app.addHook('preClose', async () => {
    await options.hub.stop();
  });

  app.get('/healthz', () => ({ ok: true }));
  registerEnrolRoute(app, services);
  await app.register(deviceRoutes, { services, stream: { hub: options.hub, heartbeatMs: options.heartbeatMs } });
  await app.register(apiRoutes, { ...services, apiKey: options.apiKey });
  await app.register(cardRoutes, { services });

  const hasPwa = await registerPwa(app, options.staticDir ?? DEFAULT_STATIC_DIR);
  app.setNotFoundHandler((request, reply) => {
    if (hasPwa && (request.method === 'GET' || request.method === 'HEAD') && isSpaRoute(request.url)) {
      return sendShell(reply);
    }
    return sendError(reply, new TenpoError('not-found', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`));
  });
  return app;
}
