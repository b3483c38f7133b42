import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTION_NAMES, errorBodySchema, PROTOCOL_HEADER, SYNC_COLLECTIONS } from '../../src/protocol/index.ts';
import { BODY_LIMIT_BYTES } from '../../server/http/app.ts';
import { openHarness, type Harness } from './helpers/harness.ts';
import { earn, MEMBER_2 } from './helpers/fixture.ts';
import { backendName } from './helpers/test-store.ts';

function without(headers: Record<string, string>, name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([key]) => key !== name));
}

/** Every refusal: a 4xx, the one error shape, a stable code, and nothing written. */
describe(`bad input (${backendName})`, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const entryCount = async () => (await h.sql.query<{ n: number }>('select count(*)::int as n from point_entries')).rows[0]?.n;
  const expectError = (res: { statusCode: number; json: () => unknown }, status: number, code: string) => {
    expect(res.statusCode).toBe(status);
    const body = errorBodySchema.parse(res.json());
    expect(body.error).toBe(code);
    expect(body.message).not.toBe('');
  };

  it('read-only collections refuse every push with 403 read-only-collection', async () => {
    const readOnly = COLLECTION_NAMES.filter((c) => SYNC_COLLECTIONS[c].kind === 'read-only');
    expect(readOnly).toEqual(['point_accounts', 'products', 'stock', 'stock_summaries', 'locations', 'settings']);
    for (const collection of readOnly) {
      const res = await h.app.inject({ method: 'POST', url: `/sync/v1/${collection}/push`, headers: h.headers, payload: [] });
      expectError(res, 403, 'read-only-collection');
    }
  });

  it('malformed JSON is 400 invalid-request', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/sync/v1/point_entries/push',
      headers: { ...h.headers, 'content-type': 'application/json' },
      payload: '[{"newDocumentState": {',
    });
    expectError(res, 400, 'invalid-request');
  });

  it('a body of the wrong shape is 400 with details, and nothing is written', async () => {
    const before = await entryCount();
    for (const payload of [{ not: 'an array' }, [earn(1)], [{ newDocumentState: 'x' }], [null]]) {
      const res = await h.app.inject({ method: 'POST', url: '/sync/v1/point_entries/push', headers: h.headers, payload: payload as object });
      expectError(res, 400, 'invalid-request');
    }
    const wrongTypes = [{ newDocumentState: { ...earn(1), points: '10', createdAt: 'yesterday' } }];
    const res = await h.app.inject({ method: 'POST', url: '/sync/v1/point_entries/push', headers: h.headers, payload: wrongTypes });
    expectError(res, 400, 'invalid-request');
    const details = res.json<{ details: { index: number; issues: { path: string }[] }[] }>().details;
    expect(details.map((d) => d.index)).toEqual([0]);
    expect(details[0]?.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['points', 'createdAt']));
    expect(await entryCount()).toBe(before);
  });

  it('a body that is not JSON at all is a 4xx in the same shape', async () => {
    const push = (contentType: string) =>
      h.app.inject({
        method: 'POST',
        url: '/sync/v1/point_entries/push',
        headers: { ...h.headers, 'content-type': contentType },
        payload: 'hello',
      });
    expectError(await push('text/plain'), 400, 'invalid-request');
    expectError(await push('application/xml'), 415, 'invalid-request');
  });

  it('a value that passes the schema but not the database (NUL byte, year 0) is 400, not 500', async () => {
    const before = await entryCount();
    const nul = [{ newDocumentState: { ...MEMBER_2, id: 'nul\u0000member', memberNo: '1000000077' } }];
    expectError(await h.app.inject({ method: 'POST', url: '/sync/v1/members/push', headers: h.headers, payload: nul }), 400, 'invalid-request');
    const yearZero = [{ newDocumentState: earn(1, { createdAt: '0000-01-01T00:00:00Z' }) }];
    expectError(await h.app.inject({ method: 'POST', url: '/sync/v1/point_entries/push', headers: h.headers, payload: yearZero }), 400, 'invalid-request');
    expectError(await h.app.inject({ url: '/sync/v1/members/pull?id=%00', headers: h.headers }), 400, 'invalid-request');
    expect(await entryCount()).toBe(before);
  });

  it('too many rows in one push is 400', async () => {
    const rows = Array.from({ length: 501 }, () => ({ newDocumentState: earn(1) }));
    const res = await h.app.inject({ method: 'POST', url: '/sync/v1/point_entries/push', headers: h.headers, payload: rows });
    expectError(res, 400, 'invalid-request');
  });

  it('an oversize body is 413 payload-too-large', async () => {
    const payload = JSON.stringify([{ newDocumentState: { ...earn(1), padding: 'x'.repeat(BODY_LIMIT_BYTES) } }]);
    const res = await h.app.inject({
      method: 'POST',
      url: '/sync/v1/point_entries/push',
      headers: { ...h.headers, 'content-type': 'application/json' },
      payload,
    });
    expectError(res, 413, 'payload-too-large');
  });

  it('an unknown collection is 404 unknown-collection', async () => {
    expectError(await h.app.inject({ url: '/sync/v1/orders_x/pull', headers: h.headers }), 404, 'unknown-collection');
    const push = await h.app.inject({ method: 'POST', url: '/sync/v1/nope/push', headers: h.headers, payload: [] });
    expectError(push, 404, 'unknown-collection');
  });

  it('a missing, malformed or unknown token is 401 unauthorized, before the body is even read', async () => {
    const noToken = without(h.headers, 'authorization');
    expectError(await h.app.inject({ url: '/sync/v1/members/pull', headers: noToken }), 401, 'unauthorized');
    expectError(await h.app.inject({ url: '/sync/v1/members/pull', headers: { ...noToken, authorization: 'Basic abc' } }), 401, 'unauthorized');
    expectError(await h.app.inject({ url: '/sync/v1/members/pull', headers: { ...noToken, authorization: 'Bearer nope' } }), 401, 'unauthorized');
    const res = await h.app.inject({
      method: 'POST',
      url: '/sync/v1/point_entries/push',
      headers: { ...noToken, 'content-type': 'application/json' },
      payload: '{broken',
    });
    expectError(res, 401, 'unauthorized');
    expectError(await h.app.inject({ url: '/sync/v1/stream', headers: noToken }), 401, 'unauthorized');
  });

  it('a revoked device is 401', async () => {
    const other = await h.enrol('retired tablet');
    const headers = { authorization: `Bearer ${other.token}` };
    expect((await h.app.inject({ url: '/sync/v1/members/pull', headers })).statusCode).toBe(200);
    await h.sql.query('update devices set revoked_at = now() where id = $1', [other.deviceId]);
    expectError(await h.app.inject({ url: '/sync/v1/members/pull', headers }), 401, 'unauthorized');
  });

  it('another protocol version is 426 protocol-mismatch; no header is fine', async () => {
    const res = await h.app.inject({ url: '/sync/v1/members/pull', headers: { ...h.headers, [PROTOCOL_HEADER]: '0' } });
    expectError(res, 426, 'protocol-mismatch');
    const withoutVersion = without(h.headers, PROTOCOL_HEADER);
    expect((await h.app.inject({ url: '/sync/v1/members/pull', headers: withoutVersion })).statusCode).toBe(200);
  });

  it('unknown routes and malformed URLs are 4xx in the same shape', async () => {
    expectError(await h.app.inject({ url: '/sync/v1' }), 404, 'not-found');
    expectError(await h.app.inject({ method: 'DELETE', url: '/healthz' }), 404, 'not-found');
    expectError(await h.app.inject({ url: '/sync/v1/%E0%A4%A/pull', headers: h.headers }), 400, 'invalid-request');
  });

  it('/healthz answers without a token', async () => {
    const res = await h.app.inject({ url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
  });
});
