import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SettingsDoc } from '../../src/protocol/index.ts';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, staffListSchema, staffSchema, staffSummarySchema } from '../../src/protocol/index.ts';
import { verifyStaffPin } from '../../src/domain/manager-pin.ts';
import { findStaff } from '../../server/services/staff/staff-docs.ts';
import { expectError, openApiHarness, type ApiHarness } from './helpers/api.ts';
import { createEnrolmentCode, SHOP_A, SHOP_B } from './helpers/fixture.ts';
import { backendName } from './helpers/test-store.ts';

/** Issue 6: staff accounts through /api/v1, and which tablets receive them. */
describe(`staff API (${backendName})`, () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await openApiHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const staffRows = async () => Number((await h.sql.query<{ n: number }>("select count(*)::int as n from setting_documents where id like 'staff:%'")).rows[0]?.n);

  it('creates a staff member with a hashed PIN, answers 201 without the hash, and updates keeping the PIN', async () => {
    const created = await h.call('PUT', '/api/v1/staff/a-clerk', { name: '青木 さくら', role: 'clerk', shopId: SHOP_A, pin: '1234' });
    expect(created.status, created.text).toBe(201);
    expect(staffSummarySchema.strict().parse(created.body)).toMatchObject({ staffId: 'a-clerk', role: 'clerk', shopId: SHOP_A, active: true });
    expect(created.text).not.toMatch(/hash|salt|1234/);

    const stored = await findStaff(h.sql, 'a-clerk');
    expect(stored?.staff.pin.iterations).toBeGreaterThanOrEqual(100_000);
    expect(await verifyStaffPin('1234', stored!.staff.pin)).toBe(true);
    const { rows } = await h.sql.query<{ shop_id: string | null }>("select shop_id from setting_documents where id = 'staff:a-clerk'");
    expect(rows[0]?.shop_id).toBe(SHOP_A);

    const updated = await h.call('PUT', '/api/v1/staff/a-clerk', { name: '青木 さくら', role: 'manager', shopId: SHOP_A, active: false });
    expect(updated.status, updated.text).toBe(200);
    expect(updated.body).toMatchObject({ role: 'manager', active: false });
    const after = await findStaff(h.sql, 'a-clerk');
    expect(after?.staff.pin).toEqual(stored?.staff.pin);

    const list = await h.call('GET', '/api/v1/staff');
    expect(list.status).toBe(200);
    expect(list.text).not.toMatch(/hash|salt/);
    expect(staffListSchema.parse(list.body).staff.map((s) => s.staffId)).toContain('a-clerk');
  });

  it('refuses bad input with a 4xx and a stable code, writing nothing', async () => {
    const before = await staffRows();
    expectError(await h.call('PUT', '/api/v1/staff/new-one', { name: 'x', role: 'clerk', shopId: SHOP_A }), 422, 'unprocessable');
    expectError(await h.call('PUT', '/api/v1/staff/new-one', { name: 'x', role: 'clerk', shopId: SHOP_A, pin: '12' }), 422, 'unprocessable');
    expectError(await h.call('PUT', '/api/v1/staff/new-one', { name: 'x', role: 'boss', shopId: SHOP_A, pin: '1234' }), 422, 'unprocessable');
    expectError(await h.call('PUT', '/api/v1/staff/new-one', { name: 'x', role: 'hq', shopId: SHOP_A, pin: '1234' }), 422, 'unprocessable');
    expectError(await h.call('PUT', '/api/v1/staff/new-one', { name: 'x', role: 'clerk', shopId: null, pin: '1234' }), 422, 'unprocessable');
    expectError(await h.call('PUT', '/api/v1/staff/new-one', { name: 'x', role: 'clerk', shopId: 'wh-ec', pin: '1234' }), 422, 'unprocessable');
    expectError(await h.call('PUT', '/api/v1/staff/new-one', { name: 'x', role: 'clerk', shopId: SHOP_A, pin: '1234', extra: 1 }), 422, 'unprocessable');
    expectError(await h.call('PUT', '/api/v1/staff/bad%20id', { name: 'x', role: 'clerk', shopId: SHOP_A, pin: '1234' }), 400, 'invalid-request');
    expectError(await h.call('PUT', '/api/v1/staff/new-one', '{not json'), 400, 'invalid-request');
    expectError(await h.call('PUT', '/api/v1/staff/new-one', { name: 'x', role: 'clerk', shopId: SHOP_A, pin: '1234' }, {}), 401, 'unauthorized');
    expectError(await h.call('GET', '/api/v1/staff?shopId='), 400, 'invalid-request');
    expect(await staffRows()).toBe(before);
  });

  it("a shop A tablet pulls shop A's staff and hq staff, never shop B's", async () => {
    await h.call('PUT', '/api/v1/staff/a-manager', { name: 'A 店長', role: 'manager', shopId: SHOP_A, pin: '2580' });
    await h.call('PUT', '/api/v1/staff/b-clerk', { name: 'B 店員', role: 'clerk', shopId: SHOP_B, pin: '1111' });
    await h.call('PUT', '/api/v1/staff/hq-one', { name: '本部', role: 'hq', shopId: null, pin: '9999' });
    await createEnrolmentCode(h.sql, SHOP_B, 'TEST-BBBB-CCCC');
    const enrolB = await h.app.inject({ method: 'POST', url: '/sync/v1/enrol', payload: { code: 'TEST-BBBB-CCCC', deviceName: 'B1' } });
    const tokenB = enrolB.json<{ token: string }>().token;

    const pullStaff = async (token: string) => {
      const res = await h.app.inject({
        url: '/sync/v1/settings/pull?limit=100',
        headers: { authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
      });
      expect(res.statusCode).toBe(200);
      const docs = res.json<{ documents: SettingsDoc[] }>().documents.filter((doc) => doc.staff);
      for (const doc of docs) staffSchema.parse(doc.staff);
      return docs.map((doc) => doc.id).sort();
    };
    expect(await pullStaff(h.device.token)).toEqual(['staff:a-clerk', 'staff:a-manager', 'staff:hq-one']);
    expect(await pullStaff(tokenB)).toEqual(['staff:b-clerk', 'staff:hq-one']);
  });
});
