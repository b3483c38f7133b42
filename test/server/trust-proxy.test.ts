import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trustProxyFromEnv } from '../../server/http/security.ts';
import { openSecureApp, type SecureApp } from './helpers/secure-app.ts';
import { backendName } from './helpers/test-store.ts';

const LIMITS = { enrolPerWindow: 2, cardKeysPerWindow: 4, apiPerWindow: 5, approvalPerWindow: 2, memberLookupPerWindow: 3, windowMs: 60_000 };
const BALANCER = '10.1.0.5';

// Behind a load balancer every request arrives from the balancer's address:
// rate limits must count the client it forwards for, and only when it is the
// balancer that says so.
describe(`client address behind a load balancer (${backendName})`, () => {
  let behind: SecureApp;
  let direct: SecureApp;
  beforeAll(async () => {
    behind = await openSecureApp({ rateLimits: LIMITS, trustProxy: trustProxyFromEnv(` ${BALANCER}, 10.2.0.0/16 `) });
    direct = await openSecureApp({ rateLimits: LIMITS });
  });
  afterAll(async () => {
    await behind.close();
    await direct.close();
  });

  const enrolAttempt = (app: SecureApp, from: string, forwardedFor: string) =>
    app.app
      .inject({
        method: 'POST',
        url: '/sync/v1/enrol',
        payload: { code: 'GUESS-0000', deviceName: 'x' },
        remoteAddress: from,
        headers: { 'x-forwarded-for': forwardedFor },
      })
      .then((res) => res.statusCode);

  it('reads TRUST_PROXY as nobody, anybody, or a list of addresses and ranges', () => {
    expect(trustProxyFromEnv(undefined)).toBe(false);
    expect(trustProxyFromEnv('')).toBe(false);
    expect(trustProxyFromEnv('false')).toBe(false);
    expect(trustProxyFromEnv('true')).toBe(true);
    expect(trustProxyFromEnv('10.0.0.1, 10.2.0.0/16,')).toBe('10.0.0.1,10.2.0.0/16');
  });

  it('with TRUST_PROXY, each client the balancer forwards for has its own budget', async () => {
    expect([await enrolAttempt(behind, BALANCER, '203.0.113.1'), await enrolAttempt(behind, BALANCER, '203.0.113.1')]).toEqual([401, 401]);
    expect(await enrolAttempt(behind, BALANCER, '203.0.113.1')).toBe(429);
    expect(await enrolAttempt(behind, BALANCER, '203.0.113.2')).toBe(401);
    // A peer that is not the balancer cannot choose the address it is counted as.
    expect([await enrolAttempt(behind, '198.51.100.7', '203.0.113.3'), await enrolAttempt(behind, '198.51.100.7', '203.0.113.4')]).toEqual([401, 401]);
    expect(await enrolAttempt(behind, '198.51.100.7', '203.0.113.5')).toBe(429);
  });

  it('without it, X-Forwarded-For is ignored: a client cannot escape its budget by inventing addresses', async () => {
    expect([await enrolAttempt(direct, '198.51.100.8', '203.0.113.6'), await enrolAttempt(direct, '198.51.100.8', '203.0.113.7')]).toEqual([401, 401]);
    expect(await enrolAttempt(direct, '198.51.100.8', '203.0.113.8')).toBe(429);
  });
});
