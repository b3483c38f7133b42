import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceListSchema, enrolmentCodeSchema, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/protocol/index.ts';
import { AUTH, expectError, openApiHarness, type ApiHarness } from './helpers/api.ts';
import { SHOP_A } from './helpers/fixture.ts';
import { openSse } from './helpers/sse-client.ts';
import { backendName } from './helpers/test-store.ts';

describe(`device management (${backendName})`, () => {
  let h: ApiHarness;
  let base: string;
  beforeAll(async () => {
    h = await openApiHarness();
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await h.close();
  });

  const enrol = (code: string, deviceName = 'レジ') => h.app.inject({ method: 'POST', url: '/sync/v1/enrol', payload: { code, deviceName } });
  const tablet = (token: string) => ({ authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) });
  const codes = async () => (await h.sql.query<{ n: number }>('select count(*)::int as n from enrolment_codes')).rows[0]?.n;
  const devices = async () => deviceListSchema.parse((await h.call('GET', '/api/v1/devices')).body).devices;

  it('makes a one-time code that enrols one device and then is refused', async () => {
    const answer = await h.call('POST', '/api/v1/enrolment-codes', { shopId: SHOP_A });
    expect(answer.status, answer.text).toBe(200);
    const code = enrolmentCodeSchema.parse(answer.body);
    expect(code.shopId).toBe(SHOP_A);
    expect(code.qr).toContain(code.code);
    expect(Date.parse(code.expiresAt) - Date.now()).toBeGreaterThan(50 * 60_000);

    expect((await enrol(code.code, '新端末')).statusCode).toBe(200);
    const again = await enrol(code.code, '二台目');
    expect(again.statusCode).toBe(401);
    expect(again.json()).toMatchObject({ error: 'invalid-enrolment-code' });
  });

  it('refuses an expired one-time code', async () => {
    const code = enrolmentCodeSchema.parse((await h.call('POST', '/api/v1/enrolment-codes', { shopId: SHOP_A, expiresInMinutes: 1 })).body);
    await h.sql.query("update enrolment_codes set expires_at = now() - interval '1 second' where code = $1", [code.code]);
    expect((await enrol(code.code)).statusCode).toBe(401);
  });

  it('keeps the printed per-shop codes reusable', async () => {
    expect((await h.enrol('再利用1')).token).not.toBe((await h.enrol('再利用2')).token);
  });

  it('lists devices with their last contact, and revocation cuts pull, push and the stream', async () => {
    const device = await h.enrol('紛失する端末');
    const listed = (await devices()).find((d) => d.id === device.deviceId);
    expect(listed).toMatchObject({ name: '紛失する端末', shop: { id: SHOP_A }, lastSeenAt: null, revokedAt: null });

    expect((await h.app.inject({ url: '/sync/v1/products/pull', headers: tablet(device.token) })).statusCode).toBe(200);
    const seen = (await devices()).find((d) => d.id === device.deviceId);
    expect(seen?.lastSeenAt).not.toBeNull();

    const stream = await openSse(`${base}/sync/v1/stream`, tablet(device.token));
    expect(stream.status).toBe(200);

    const revoked = await h.call('POST', `/api/v1/devices/${device.deviceId}/revoke`);
    expect(revoked.status, revoked.text).toBe(200);
    expect(revoked.body).toMatchObject({ id: device.deviceId, revokedAt: expect.any(String) as unknown });
    await stream.closed;

    const pull = await h.app.inject({ url: '/sync/v1/products/pull', headers: tablet(device.token) });
    expect(pull.statusCode).toBe(401);
    expect(pull.json()).toMatchObject({ error: 'unauthorized' });
    const push = await h.app.inject({ method: 'POST', url: '/sync/v1/members/push', headers: tablet(device.token), payload: [] });
    expect(push.statusCode).toBe(401);
    expect(push.json()).toMatchObject({ error: 'unauthorized' });
    const reopened = await openSse(`${base}/sync/v1/stream`, tablet(device.token));
    expect(reopened.status).toBe(401);
    reopened.close();

    // The other tablets of the shop are untouched.
    expect((await h.app.inject({ url: '/sync/v1/products/pull', headers: h.headers })).statusCode).toBe(200);
  });

  it('refuses bad input with 4xx and writes nothing', async () => {
    const before = await codes();
    expectError(await h.call('POST', '/api/v1/enrolment-codes', { shopId: 'no-such-shop' }), 422, 'unprocessable');
    expectError(await h.call('POST', '/api/v1/enrolment-codes', { shopId: SHOP_A, expiresInMinutes: 0 }), 422, 'unprocessable');
    expectError(await h.call('POST', '/api/v1/enrolment-codes', { shopId: SHOP_A, expiresInMinutes: 'soon' }), 422, 'unprocessable');
    expectError(await h.call('POST', '/api/v1/enrolment-codes', '{not json'), 400, 'invalid-request');
    expectError(await h.call('POST', '/api/v1/enrolment-codes', { shopId: SHOP_A }, {}), 401, 'unauthorized');
    expect(await codes()).toBe(before);

    const revokedBefore = (await devices()).filter((d) => d.revokedAt !== null).length;
    expectError(await h.call('POST', '/api/v1/devices/not-a-uuid/revoke'), 400, 'invalid-request');
    expectError(await h.call('POST', '/api/v1/devices/00000000-0000-4000-8000-000000000000/revoke'), 404, 'not-found');
    expectError(await h.call('POST', `/api/v1/devices/${h.device.deviceId}/revoke`, undefined, {}), 401, 'unauthorized');
    expect((await devices()).filter((d) => d.revokedAt !== null).length).toBe(revokedBefore);
    expect(AUTH.authorization).toContain('Bearer');
  });
});
