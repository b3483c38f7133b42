import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolResponseSchema } from '../../src/protocol/index.ts';
import { sha256Hex } from '../../server/services/tokens.ts';
import { ENROLMENT_CODE, openHarness, type Harness } from './helpers/harness.ts';
import { SHOP_A } from './helpers/fixture.ts';
import { backendName } from './helpers/test-store.ts';

describe(`enrolment (${backendName})`, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const enrol = (payload: object) => h.app.inject({ method: 'POST', url: '/sync/v1/enrol', payload });

  it('turns a shop code into a device with a working token and the shop settings', async () => {
    const res = await enrol({ code: ENROLMENT_CODE, deviceName: 'レジ2' });
    expect(res.statusCode).toBe(200);
    const body = enrolResponseSchema.parse(res.json());
    expect(body.shop).toEqual({ id: SHOP_A, name: 'A店' });
    expect(body.settings).toEqual({ yenPerPoint: 100 });
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const pull = await h.app.inject({ url: '/sync/v1/products/pull', headers: { authorization: `Bearer ${body.token}` } });
    expect(pull.statusCode).toBe(200);
  });

  it('stores only the hash of the token', async () => {
    const body = enrolResponseSchema.parse((await enrol({ code: ENROLMENT_CODE, deviceName: 'レジ3' })).json());
    const { rows } = await h.sql.query<{ token_hash: string; shop_id: string; name: string }>(
      'select token_hash, shop_id, name from devices where id = $1',
      [body.deviceId],
    );
    expect(rows).toEqual([{ token_hash: sha256Hex(body.token), shop_id: SHOP_A, name: 'レジ3' }]);
  });

  it('accepts the code as a clerk types it: lower case, full-width, with spaces', async () => {
    const typed = ` ${ENROLMENT_CODE.toLowerCase().replace('test', 'ｔｅｓｔ')} `;
    expect((await enrol({ code: typed, deviceName: 'レジ4' })).statusCode).toBe(200);
  });

  it('refuses an unknown code with 401 invalid-enrolment-code and a bad request with 400', async () => {
    const wrong = await enrol({ code: 'SHOP9-XXXX-XXXX', deviceName: 'x' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ error: 'invalid-enrolment-code' });
    const bad = await enrol({ code: ENROLMENT_CODE });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'invalid-request', details: [{ path: 'deviceName' }] });
  });
});
