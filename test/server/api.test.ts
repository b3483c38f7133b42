import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiMemberSchema } from '../../src/protocol/index.ts';
import { createApiKey } from '../../server/services/api-keys.ts';
import { API_KEY, expectError, openApiHarness, type ApiHarness } from './helpers/api.ts';
import { MEMBER_1 } from './helpers/fixture.ts';
import { backendName } from './helpers/test-store.ts';

describe(`/api/v1 auth and member reads (${backendName})`, () => {
  let h: ApiHarness;
  let storedKey: string;
  beforeAll(async () => {
    h = await openApiHarness();
    storedKey = await createApiKey(h.sql, 'test');
  });
  afterAll(async () => {
    await h.close();
  });

  const get = (url: string, key?: string) => h.call('GET', url, undefined, key ? { authorization: `Bearer ${key}` } : {});

  it('needs an API key: a stored one or TENPO_API_KEY; a device token is not one', async () => {
    const url = `/api/v1/members/${MEMBER_1.memberNo}`;
    expectError(await get(url), 401, 'unauthorized');
    expectError(await get(url, 'wrong'), 401, 'unauthorized');
    expectError(await get(url, h.device.token), 401, 'unauthorized');
    expect((await get(url, storedKey)).status).toBe(200);
    expect((await get(url, API_KEY)).status).toBe(200);
  });

  it('refuses a write without a key before reading its body, and writes nothing', async () => {
    const before = await h.count('members');
    expectError(await h.call('POST', '/api/v1/members', { name: '無鍵 太郎', nameKana: '' }, {}), 401, 'unauthorized');
    expect(await h.count('members')).toBe(before);
  });

  it('GET /api/v1/members/:memberNo returns the member', async () => {
    const found = await get(`/api/v1/members/${MEMBER_1.memberNo}`, API_KEY);
    expect(apiMemberSchema.parse(found.body)).toEqual(MEMBER_1);
    expectError(await get('/api/v1/members/9999999999', API_KEY), 404, 'not-found');
    expectError(await get('/api/v1/members/12ab', API_KEY), 400, 'invalid-request');
  });

  it('answers unknown /api/v1 routes with a JSON 404', async () => {
    expectError(await get('/api/v1/nothing-here', API_KEY), 404, 'not-found');
  });
});
