import { createHash } from 'node:crypto';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest, FastifyServerOptions } from 'fastify';
import { TenpoError } from '../../src/protocol/index.ts';

/**
 * The policy the built PWA runs under (test/e2e/csp.test.ts proves it).
 * Nothing inline: Vite emits only hashed files and React sets styles through
 * the CSSOM, which style-src does not govern. data:/blob: images are the
 * member card's QR (the qrcode package) and html5-qrcode's snapshots; blob:
 * media is the camera preview.
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'media-src': ["'self'", 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
} as const;

/** Requests per window and key; production defaults in DEFAULT_RATE_LIMITS. */
export interface RateLimits {
  /** POST /sync/v1/enrol per client IP: guessing enrolment codes must be slow. */
  enrolPerWindow: number;
  /** POST /card/v1/keys per client IP: pairing codes are short and single use. */
  cardKeysPerWindow: number;
  /** /api/v1 per client IP: generous for the EC site, a wall for a key-guessing script. */
  apiPerWindow: number;
  /** Requests that carry a staff PIN (merges and their undo, the HQ sign-in) per client IP, on top of the API budget. Default 30. */
  approvalPerWindow?: number;
  /**
   * GET /sync/v1/members/lookup per client IP: a shop's tablets find a few
   * members a minute; a stolen token must not page through the chain.
   */
  memberLookupPerWindow: number;
  windowMs: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  enrolPerWindow: 20,
  cardKeysPerWindow: 30,
  apiPerWindow: 3000,
  approvalPerWindow: 30,
  memberLookupPerWindow: 120,
  windowMs: 60_000,
};

/** Routes whose body carries a manager's PIN: guessing it must be slow even within the API budget. */
const APPROVAL_ROUTES: ReadonlySet<string> = new Set([
  '/api/v1/merges',
  '/api/v1/merges/:id/undo',
  // Issue 10: the HQ sign-in carries a PIN and needs no key.
  '/api/v1/hq-sessions',
]);

/**
 * TENPO_RATE_LIMIT_ENROL / _CARD_KEYS / _API / _WINDOW_MS override the
 * defaults; TENPO_RATE_LIMIT=off turns limits off (a load test from one IP).
 */
export function rateLimitsFromEnv(env: NodeJS.ProcessEnv): RateLimits | false {
  if (env.TENPO_RATE_LIMIT === 'off') return false;
  const read = (name: string, fallback: number): number => {
    const value = env[name];
    if (value === undefined || value === '') return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number ≥ 1, got ${value}`);
    return n;
  };
  return {
    enrolPerWindow: read('TENPO_RATE_LIMIT_ENROL', DEFAULT_RATE_LIMITS.enrolPerWindow),
    cardKeysPerWindow: read('TENPO_RATE_LIMIT_CARD_KEYS', DEFAULT_RATE_LIMITS.cardKeysPerWindow),
    apiPerWindow: read('TENPO_RATE_LIMIT_API', DEFAULT_RATE_LIMITS.apiPerWindow),
    approvalPerWindow: read('TENPO_RATE_LIMIT_APPROVAL', DEFAULT_RATE_LIMITS.approvalPerWindow ?? 30),
    memberLookupPerWindow: read('TENPO_RATE_LIMIT_MEMBER_LOOKUP', DEFAULT_RATE_LIMITS.memberLookupPerWindow),
    windowMs: read('TENPO_RATE_LIMIT_WINDOW_MS', DEFAULT_RATE_LIMITS.windowMs),
  };
}

/**
 * TRUST_PROXY: whom to believe about the client's address. Behind a load
 * balancer every request comes from the balancer, so without this all tablets
 * would share one rate-limit budget. Unset = nobody (X-Forwarded-For is
 * ignored, so a client cannot pick its own address); `true` = any peer (only
 * when nothing but the balancer can reach the instances); otherwise the
 * balancer's addresses or CIDR ranges, comma-separated.
 */
export function trustProxyFromEnv(value: string | undefined): boolean | string {
  if (value === undefined || value.trim() === '' || value === 'false') return false;
  if (value === 'true') return true;
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join(',');
}

type LimitedGroup = 'enrol' | 'card-keys' | 'api' | 'approval' | 'member-lookup';

function groupOf(method: string, url: string | undefined): LimitedGroup | undefined {
  if (url === undefined) return undefined;
  if (method === 'POST' && url === '/sync/v1/enrol') return 'enrol';
  if (method === 'POST' && url === '/card/v1/keys') return 'card-keys';
  if (method === 'GET' && url === '/sync/v1/members/lookup') return 'member-lookup';
  if (url.startsWith('/api/v1/')) return 'api';
  return undefined;
}

/**
 * Security headers on every response, and rate limits on the routes a
 * stranger can hammer. `limits: false` = no limits (the test harness; a test
 * that wants them passes its own).
 */
export async function registerSecurity(app: FastifyInstance, limits: RateLimits | false): Promise<void> {
  await app.register(helmet, {
    // No helmet defaults: they add upgrade-insecure-requests, which breaks a
    // shop server reached over plain HTTP on the LAN, and a looser style-src.
    contentSecurityPolicy: { useDefaults: false, directives: { ...CONTENT_SECURITY_POLICY } },
    // HSTS is left at helmet's default: browsers ignore it over plain HTTP, and
    // behind a TLS proxy it is what we want. Whether TLS is in front is not knowable here.
  });
  if (limits === false) return;

  await app.register(rateLimit, { global: false });
  const limiter = (group: LimitedGroup, max: number) =>
    app.createRateLimit({
      max,
      timeWindow: limits.windowMs,
      // Per client IP, not per key: a script guessing keys would bring a new key each time.
      keyGenerator: (request: FastifyRequest) => `${group}:${request.ip}`,
    });
  const limiters: Record<LimitedGroup, ReturnType<typeof limiter>> = {
    enrol: limiter('enrol', limits.enrolPerWindow),
    'card-keys': limiter('card-keys', limits.cardKeysPerWindow),
    // One budget for the whole API, not one per route.
    api: limiter('api', limits.apiPerWindow),
    approval: limiter('approval', limits.approvalPerWindow ?? 30),
    'member-lookup': limiter('member-lookup', limits.memberLookupPerWindow),
  };
  // A root onRequest hook runs before the API-key check and before the body is
  // read: wrong keys count against the budget, and a refused request costs nothing.
  app.addHook('onRequest', async (request, reply) => {
    const url = request.routeOptions.url;
    const group = groupOf(request.method, url);
    if (group === undefined) return;
    const groups: LimitedGroup[] = request.method === 'POST' && url !== undefined && APPROVAL_ROUTES.has(url) ? [group, 'approval'] : [group];
    for (const each of groups) {
      const result = await limiters[each](request);
      if (result.isAllowed || !result.isExceeded) continue;
      void reply.header('retry-after', result.ttlInSeconds);
      throw new TenpoError('rate-limited', `too many requests; try again in ${result.ttlInSeconds} s`, 429);
    }
  });
}

/**
 * Fastify logger options with no personal data: authorization headers are
 * redacted and a request is logged by its path only, because query strings
 * carry phone numbers and e-mail addresses (GET /api/v1/members?phone=…).
 * Fastify never logs bodies.
 */
export function redactedLogger(logger: FastifyServerOptions['logger']): NonNullable<FastifyServerOptions['logger']> {
  if (logger === undefined || logger === false) return false;
  const base = logger === true ? {} : logger;
  return {
    ...base,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
    serializers: {
      ...base.serializers,
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: pathOnly(request.url),
        remoteAddress: request.ip,
      }),
    },
  };
}

/** The path without its query; a long path (a member number, a JAN) stays, but is hashed past 200 chars. */
export function pathOnly(url: string): string {
  const path = url.split('?')[0] ?? '';
  return path.length <= 200 ? path : `${path.slice(0, 64)}…#${createHash('sha256').update(path).digest('hex').slice(0, 12)}`;
}
