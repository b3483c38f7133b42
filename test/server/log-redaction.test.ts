import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, AUTH } from './helpers/api.ts';
import { openSecureApp, type SecureApp } from './helpers/secure-app.ts';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/protocol/index.ts';
import { SHOP_A } from './helpers/fixture.ts';
import { ENROLMENT_CODE } from './helpers/harness.ts';
import { backendName } from './helpers/test-store.ts';

const PHONE = '09031415926';
const EMAIL = 'hanako.secret@example.jp';
const NAME = '秘密 花子';

describe(`no personal data in logs (${backendName})`, () => {
  let s: SecureApp;
  const lines: string[] = [];
  beforeAll(async () => {
    s = await openSecureApp({ apiKey: API_KEY, logger: { level: 'trace', stream: { write: (line: string) => void lines.push(line) } } });
  });
  afterAll(async () => {
    await s.close();
  });

  it('logs requests by path and status, without bodies, query strings or credentials', async () => {
    const made = await s.app.inject({ method: 'POST', url: '/api/v1/members', headers: AUTH, payload: { name: NAME, nameKana: 'ヒミツ ハナコ', phone: PHONE, email: EMAIL } });
    expect(made.statusCode, made.body).toBe(201);
    expect((await s.app.inject({ url: `/api/v1/members?phone=${PHONE}`, headers: AUTH })).statusCode).toBe(200);
    expect((await s.app.inject({ url: `/api/v1/members?email=${encodeURIComponent(EMAIL)}`, headers: AUTH })).statusCode).toBe(200);
    // Bad input too: a 4xx for a phone that is not one.
    expect((await s.app.inject({ url: `/api/v1/members?phone=abc${PHONE}`, headers: AUTH })).statusCode).toBeGreaterThanOrEqual(400);
    expect((await s.app.inject({ url: '/api/v1/locations', headers: { authorization: 'Bearer tnp_wrong_secret' } })).statusCode).toBe(401);

    const log = lines.join('\n');
    // The requests were logged: the test would pass vacuously otherwise.
    const records = lines.map((line) => JSON.parse(line) as { req?: { url?: string }; res?: { statusCode?: number } });
    expect(records.filter((r) => r.req?.url === '/api/v1/members').length).toBeGreaterThanOrEqual(4);
    expect(records.some((r) => r.res?.statusCode === 201)).toBe(true);

    for (const secret of [PHONE, '+819031415926', EMAIL, encodeURIComponent(EMAIL), NAME, API_KEY, 'tnp_wrong_secret', 'phone=', 'email=']) {
      expect(log, secret).not.toContain(secret);
    }
  });

  it('keeps PINs and counter lookups out too: staff PINs, merge approvals, online member lookups (issue 6)', async () => {
    const pin = '739146';
    const lookupPhone = '08027182818';
    // Not all zeros: response times in the log are floats like 41.4936050000001.
    const WRONG_PIN = '604917';
    lines.length = 0;
    const staff = await s.app.inject({
      method: 'PUT',
      url: '/api/v1/staff/log-test-manager',
      headers: AUTH,
      payload: { name: '秘密 店長', role: 'manager', shopId: SHOP_A, pin },
    });
    expect(staff.statusCode, staff.body).toBeLessThan(300);
    const merge = await s.app.inject({
      method: 'POST',
      url: '/api/v1/merges',
      headers: AUTH,
      payload: { idempotencyKey: 'log-merge-0001', survivorNo: '1999999998', mergedNo: '1999999999', approval: { staffId: 'log-test-manager', pin: WRONG_PIN } },
    });
    expect(merge.statusCode).toBeGreaterThanOrEqual(400);
    const enrolled = await s.app.inject({ method: 'POST', url: '/sync/v1/enrol', payload: { code: ENROLMENT_CODE, deviceName: 'ログ試験' } });
    const token = enrolled.json<{ token: string }>().token;
    const lookup = await s.app.inject({ url: `/sync/v1/members/lookup?q=${lookupPhone}`, headers: { authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) } });
    expect(lookup.statusCode).toBeLessThan(500);

    const records = lines.map((line) => JSON.parse(line) as { req?: { url?: string } });
    expect(records.some((r) => r.req?.url === '/sync/v1/members/lookup')).toBe(true);
    const log = lines.join('\n');
    for (const secret of [pin, WRONG_PIN, lookupPhone, '秘密 店長', token, 'q=']) {
      expect(log, secret).not.toContain(secret);
    }
  });
});
