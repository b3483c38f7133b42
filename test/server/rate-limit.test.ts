import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../src/protocol/index.ts';
import { API_KEY, AUTH } from './helpers/api.ts';
import { openSecureApp, type SecureApp } from './helpers/secure-app.ts';
import { backendName } from './helpers/test-store.ts';

const LIMITS = { enrolPerWindow: 3, cardKeysPerWindow: 4, apiPerWindow: 5, approvalPerWindow: 2, memberLookupPerWindow: 3, windowMs: 60_000 };

describe(`rate limits (${backendName})`, () => {
  let s: SecureApp;
  beforeAll(async () => {
    s = await openSecureApp({ apiKey: API_KEY, rateLimits: LIMITS });
  });
  afterAll(async () => {
    await s.close();
  });

  const statuses = async (n: number, call: () => Promise<{ statusCode: number }>) => {
    const out: number[] = [];
    // One after another: the limit counts requests in order.
    for (let i = 0; i < n; i++) out.push((await call()).statusCode);
    return out;
  };
  const expectRateLimited = (res: { statusCode: number; json: () => unknown; headers: Record<string, unknown> }) => {
    expect(res.statusCode).toBe(429);
    const body = errorBodySchema.parse(res.json());
    expect(body.error).toBe('rate-limited');
    expect(body.message).toMatch(/too many requests/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  };

  it('enrolment: a guesser gets 401 for the configured number of tries, then 429 with the error shape', async () => {
    const guess = () => s.app.inject({ method: 'POST', url: '/sync/v1/enrol', payload: { code: 'GUESS-0000', deviceName: 'x' } });
    expect(await statuses(LIMITS.enrolPerWindow, guess)).toEqual([401, 401, 401]);
    expectRateLimited(await guess());
    // Another client (another IP) is not affected.
    const other = await s.app.inject({ method: 'POST', url: '/sync/v1/enrol', payload: { code: 'GUESS-0000', deviceName: 'x' }, remoteAddress: '10.0.0.9' });
    expect(other.statusCode).toBe(401);
  });

  it('card key registration: 429 after the configured number of tries', async () => {
    const register = () => s.app.inject({ method: 'POST', url: '/card/v1/keys', payload: { code: 'nope', publicKey: { x: 'a', y: 'b' } } });
    const before = await statuses(LIMITS.cardKeysPerWindow, register);
    expect(before.every((status) => status >= 400 && status < 429)).toBe(true);
    expectRateLimited(await register());
  });

  it('/api/v1: 429 after the configured number of calls, wrong keys count too', async () => {
    const ip = '10.0.0.20';
    const ok = () => s.app.inject({ url: '/api/v1/locations', headers: AUTH, remoteAddress: ip });
    const wrong = () => s.app.inject({ url: '/api/v1/locations', headers: { authorization: 'Bearer tnp_guess' }, remoteAddress: ip });
    expect(await statuses(3, ok)).toEqual([200, 200, 200]);
    expect(await statuses(2, wrong)).toEqual([401, 401]);
    expectRateLimited(await ok());
    expectRateLimited(await s.app.inject({ method: 'POST', url: '/api/v1/members', headers: AUTH, payload: { name: 'x', nameKana: '' }, remoteAddress: ip }));
  });

  it('merges, which carry a manager PIN, have their own smaller budget within the API one', async () => {
    const ip = '10.0.0.40';
    const guess = () =>
      s.app.inject({
        method: 'POST',
        url: '/api/v1/merges',
        headers: AUTH,
        payload: { idempotencyKey: 'rate-merge-0001', survivorNo: '1000000001', mergedNo: '1000000002', approval: { staffId: 'nobody', pin: '0000' } },
        remoteAddress: ip,
      });
    expect(await statuses(LIMITS.approvalPerWindow, guess)).toEqual([403, 403]);
    expectRateLimited(await guess());
    // Other API calls from that client still have budget left.
    expect((await s.app.inject({ url: '/api/v1/locations', headers: AUTH, remoteAddress: ip })).statusCode).toBe(200);
  });

  // Issue 10: the HQ sign-in needs no key but carries a PIN: the PIN budget is its wall.
  it('the HQ sign-in, without a key, has the PIN budget', async () => {
    const ip = '10.0.0.42';
    const guess = () => s.app.inject({ method: 'POST', url: '/api/v1/hq-sessions', payload: { staffId: 'nobody', pin: '0000' }, remoteAddress: ip });
    expect(await statuses(LIMITS.approvalPerWindow, guess)).toEqual([401, 401]);
    expectRateLimited(await guess());
  });

  it('online member lookup: 429 after the configured number of tries, a wrong token counts too', async () => {
    const ip = '10.0.0.41';
    const lookup = () => s.app.inject({ url: '/sync/v1/members/lookup?q=1000000001', headers: { authorization: 'Bearer tnp_guess' }, remoteAddress: ip });
    expect(await statuses(LIMITS.memberLookupPerWindow, lookup)).toEqual([401, 401, 401]);
    expectRateLimited(await lookup());
  });

  it('routes without a limit are not limited', async () => {
    const ip = '10.0.0.30';
    const health = await statuses(LIMITS.apiPerWindow * 3, () => s.app.inject({ url: '/healthz', remoteAddress: ip }));
    expect(new Set(health)).toEqual(new Set([200]));
  });
});
