import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, AUTH } from './helpers/api.ts';
import { openHarness, type Harness } from './helpers/harness.ts';
import { backendName } from './helpers/test-store.ts';

const CSP =
  "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data: blob:;media-src 'self' blob:;font-src 'self';" +
  "connect-src 'self';worker-src 'self';manifest-src 'self';frame-ancestors 'none';form-action 'self';object-src 'none';base-uri 'self'";

describe(`security headers (${backendName})`, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness({ apiKey: API_KEY });
  });
  afterAll(async () => {
    await h.close();
  });

  const responses = () => [
    h.app.inject({ url: '/healthz' }),
    h.app.inject({ url: '/api/v1/locations', headers: AUTH }),
    h.app.inject({ url: '/api/v1/locations' }),
    h.app.inject({ url: '/sync/v1/members/pull', headers: h.headers }),
    h.app.inject({ method: 'POST', url: '/sync/v1/enrol', payload: '{' , headers: { 'content-type': 'application/json' } }),
    h.app.inject({ url: '/no-such-thing' }),
  ];

  it('every answer (success, 4xx, 404) carries the exact CSP and the hardening headers', async () => {
    const all = await Promise.all(responses());
    expect(all.map((r) => r.statusCode)).toEqual([200, 200, 401, 200, 400, 404]);
    for (const res of all) {
      expect(res.headers['content-security-policy']).toBe(CSP);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
      expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d+; includeSubDomains$/);
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('the CSP allows nothing inline and nothing from elsewhere', async () => {
    const res = await h.app.inject({ url: '/healthz' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/https?:|\*/);
    expect(csp).not.toContain('upgrade-insecure-requests');
  });
});
