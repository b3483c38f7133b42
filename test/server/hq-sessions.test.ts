import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DEVICE_POLICY, HQ_SESSION_HOURS, hqSessionSchema } from '../../src/protocol/index.ts';
import { DEMO_HQ_PIN, DEMO_HQ_STAFF_ID, demoStaff } from '../../server/demo/staff.ts';
import { sha256Hex } from '../../server/services/tokens.ts';
import { AUTH, expectError, openApiHarness, type ApiHarness } from './helpers/api.ts';
import { SHOP_A } from './helpers/fixture.ts';
import { putTestStaff } from './helpers/staff.ts';
import { backendName } from './helpers/test-store.ts';

const MAX_WRONG = DEFAULT_DEVICE_POLICY.maxWrongPins;

/** Issue 10: HQ signs in as staff of role hq (staff id + PIN) and uses the session token as its Bearer. */
describe(`HQ sessions (${backendName})`, () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await openApiHarness();
    // The demo's hq user, as the demo loads it.
    const hq = demoStaff().find((each) => each.staffId === DEMO_HQ_STAFF_ID);
    if (!hq) throw new Error('the demo has no hq user');
    await putTestStaff(h, hq.staffId, hq.request);
    await putTestStaff(h, 'hq-locked', { name: '本部 二', role: 'hq', shopId: null, pin: '8642', active: true });
    await putTestStaff(h, 'hq-retired', { name: '本部 三', role: 'hq', shopId: null, pin: '7531', active: false });
    await putTestStaff(h, 'a-clerk', { name: 'A 店員', role: 'clerk', shopId: SHOP_A, pin: '1111', active: true });
  });
  afterAll(async () => {
    await h.close();
  });

  const NO_KEY = {};
  const signIn = (body: unknown) => h.call('POST', '/api/v1/hq-sessions', body, NO_KEY);
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const devices = (headers: Record<string, string>) => h.call('GET', '/api/v1/devices', undefined, headers);
  const signOut = (token: string) => h.app.inject({ method: 'DELETE', url: '/api/v1/hq-sessions/current', headers: bearer(token) });
  const count = async (table: string, where = 'true', params: unknown[] = []) =>
    Number((await h.sql.query<{ n: number }>(`select count(*)::int as n from ${table} where ${where}`, params)).rows[0]?.n);
  const signedIn = async (staffId = DEMO_HQ_STAFF_ID, pin = DEMO_HQ_PIN) => {
    const answer = await signIn({ staffId, pin });
    expect(answer.status, answer.text).toBe(201);
    return hqSessionSchema.parse(answer.body);
  };

  it('hq-admin with the right PIN gets a token that opens /api/v1 for 8 hours, and the sign-in is audited', async () => {
    const auditBefore = await count('audit_events', "action = 'staff-sign-in' and staff_id = $1 and detail->>'area' = 'hq'", [DEMO_HQ_STAFF_ID]);
    const session = await signedIn();
    expect(session.staff).toEqual({ staffId: DEMO_HQ_STAFF_ID, name: '本部 管理者' });
    const hours = (Date.parse(session.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(HQ_SESSION_HOURS - 0.1);
    expect(hours).toBeLessThanOrEqual(HQ_SESSION_HOURS);
    const answer = await devices(bearer(session.token));
    expect(answer.status, answer.text).toBe(200);
    // Only the hash is stored.
    expect(await count('hq_sessions', 'token_hash = $1', [session.token])).toBe(0);
    expect(await count('hq_sessions', 'token_hash = $1 and staff_id = $2 and revoked_at is null', [sha256Hex(session.token), DEMO_HQ_STAFF_ID])).toBe(1);
    expect(await count('audit_events', "action = 'staff-sign-in' and staff_id = $1 and detail->>'area' = 'hq'", [DEMO_HQ_STAFF_ID])).toBe(auditBefore + 1);
  });

  it('no token, an unknown one, an expired one and a signed-out one are 401', async () => {
    expectError(await devices(NO_KEY), 401, 'unauthorized');
    expectError(await devices(bearer('hqs_not-a-session')), 401, 'unauthorized');

    const expired = await signedIn();
    await h.sql.query("update hq_sessions set expires_at = now() - interval '1 minute' where staff_id = $1 and revoked_at is null and expires_at > now()", [DEMO_HQ_STAFF_ID]);
    expectError(await devices(bearer(expired.token)), 401, 'unauthorized');
    expect((await signOut(expired.token)).statusCode).toBe(401);

    const ended = await signedIn();
    expect((await devices(bearer(ended.token))).status).toBe(200);
    const out = await signOut(ended.token);
    expect(out.statusCode, out.body).toBe(204);
    expectError(await devices(bearer(ended.token)), 401, 'unauthorized');
    expect((await signOut(ended.token)).statusCode).toBe(401);
    // An API key is not a session: there is nothing to end.
    const withKey = await h.app.inject({ method: 'DELETE', url: '/api/v1/hq-sessions/current', headers: AUTH });
    expect(withKey.statusCode, withKey.body).toBe(404);
  });

  it('a clerk is refused with not-hq, an unknown or inactive id with unauthorized, and no session is made', async () => {
    const before = await count('hq_sessions');
    expectError(await signIn({ staffId: 'a-clerk', pin: '1111' }), 403, 'not-hq');
    expectError(await signIn({ staffId: 'nobody', pin: '1111' }), 401, 'unauthorized');
    expectError(await signIn({ staffId: 'hq-retired', pin: '7531' }), 401, 'unauthorized');
    expect(await count('hq_sessions')).toBe(before);
  });

  it(`counts wrong PINs with the tries left; ${MAX_WRONG} in a row lock the staff member out, even with the right PIN after`, async () => {
    for (let i = 1; i < MAX_WRONG; i += 1) {
      const wrong = expectError(await signIn({ staffId: 'hq-locked', pin: '0000' }), 401, 'wrong-pin');
      expect(wrong.details).toEqual({ triesLeft: MAX_WRONG - i });
    }
    const locked = expectError(await signIn({ staffId: 'hq-locked', pin: '0000' }), 423, 'staff-locked-out');
    expect(locked.details).toMatchObject({ lockedUntil: expect.any(String) as string });
    expectError(await signIn({ staffId: 'hq-locked', pin: '8642' }), 423, 'staff-locked-out');
    expect(await count('hq_sessions', 'staff_id = $1', ['hq-locked'])).toBe(0);
    expect(await count('audit_events', "action = 'staff-lockout' and staff_id = 'hq-locked'")).toBe(1);
  });

  it('a malformed or wrong-shaped body is a 4xx and writes nothing', async () => {
    const before = [await count('hq_sessions'), await count('audit_events')];
    const raw = await h.app.inject({ method: 'POST', url: '/api/v1/hq-sessions', headers: { 'content-type': 'application/json' }, payload: '{"staffId": ' });
    expect(raw.statusCode, raw.body).toBe(400);
    for (const body of [{}, { staffId: DEMO_HQ_STAFF_ID }, { staffId: DEMO_HQ_STAFF_ID, pin: 9999 }, { staffId: 'a b', pin: DEMO_HQ_PIN }, { staffId: DEMO_HQ_STAFF_ID, pin: '12' }, [DEMO_HQ_STAFF_ID, DEMO_HQ_PIN]]) {
      expectError(await signIn(body), 422, 'unprocessable');
    }
    expect([await count('hq_sessions'), await count('audit_events')]).toEqual(before);
  });

  it('both routes are in the OpenAPI document, the sign-in without security', async () => {
    const doc = (await h.call('GET', '/api/v1/openapi.json', undefined, NO_KEY)).body as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    expect(doc.paths['/api/v1/hq-sessions']?.post?.security).toEqual([]);
    expect(doc.paths['/api/v1/hq-sessions/current']?.delete).toBeDefined();
  });
});
