import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../src/protocol/index.ts';
import { BODY_LIMIT_BYTES } from '../../server/http/app.ts';
import { AUTH, openApiHarness, type ApiHarness } from './helpers/api.ts';
import { MEMBER_1 } from './helpers/fixture.ts';
import { backendName } from './helpers/test-store.ts';

/** Whatever arrives, /api/v1 answers a 4xx in the one error shape, and writes nothing. */
describe(`/api/v1 bad input (${backendName})`, () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await openApiHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const WRITES = [
    '/api/v1/members',
    '/api/v1/point-entries',
    '/api/v1/closes',
    '/api/v1/purchases',
    '/api/v1/contacts',
    // Issue 10: coupons.
    '/api/v1/carts/abandoned',
    '/api/v1/coupons/coupon-bad-input/redeem',
    // Issue 10: the HQ sign-in (public; the key sent along is ignored).
    '/api/v1/hq-sessions',
  ] as const;
  const counts = async () => [
    await h.count('members'),
    await h.count('point_entries'),
    await h.count('period_closes'),
    await h.count('api_member_requests'),
    await h.count('purchases'),
    await h.count('contacts'),
    await h.count('member_links'),
    await h.count('coupons'),
    // Issue 10: HQ sessions.
    (await h.sql.query<{ n: number }>('select count(*)::int as n from hq_sessions')).rows[0]?.n,
  ];
  const raw = (url: string, payload: string, contentType = 'application/json') =>
    h.app.inject({ method: 'POST', url, headers: { ...AUTH, 'content-type': contentType }, payload });
  const expect4xx = (res: { statusCode: number; body: string }, what: string) => {
    expect(res.statusCode, `${what}: ${res.body}`).toBeGreaterThanOrEqual(400);
    expect(res.statusCode, `${what}: ${res.body}`).toBeLessThan(500);
    return errorBodySchema.parse(JSON.parse(res.body));
  };

  it('malformed JSON, an empty body, a wrong media type and a body over the limit are 4xx', async () => {
    const before = await counts();
    for (const url of WRITES) {
      expect(expect4xx(await raw(url, '{"memberNo": '), `${url} malformed`).error).toBe('invalid-request');
      expect4xx(await raw(url, ''), `${url} empty`);
      expect4xx(await raw(url, 'memberNo=1', 'application/x-www-form-urlencoded'), `${url} form`);
      expect4xx(await raw(url, 'hello', 'text/plain'), `${url} text`);
      expect4xx(await raw(url, '{"__proto__": {"admin": true}, "name": "x"}'), `${url} proto`);
      const huge = JSON.stringify({ name: 'x'.repeat(BODY_LIMIT_BYTES) });
      expect(expect4xx(await raw(url, huge), `${url} huge`).error).toBe('payload-too-large');
      expect4xx(await h.app.inject({ method: 'POST', url, headers: AUTH }), `${url} no body`);
    }
    expect(await counts()).toEqual(before);
  });

  it('wrong types and numbers out of range are 422 with details', async () => {
    const before = await counts();
    const entry = { idempotencyKey: 'ec-bad-input-0001', memberNo: MEMBER_1.memberNo, type: 'earn', points: 1, channel: 'ec', ref: 'X' };
    const bodies = [
      '{"idempotencyKey": "ec-bad-input-0001", "memberNo": 1000000001, "type": "earn", "points": 1, "channel": "ec", "ref": "X"}',
      JSON.stringify({ ...entry, points: 1e21 }),
      JSON.stringify({ ...entry, points: Number.MAX_SAFE_INTEGER + 2 }),
      JSON.stringify({ ...entry, amountYen: 1e16 }),
      // 1e400 parses to Infinity; 123…890 to a float far past 2^53.
      JSON.stringify(entry).replace('"points":1', '"points":1e400'),
      JSON.stringify(entry).replace('"points":1', '"points":123456789012345678901234567890'),
      JSON.stringify({ ...entry, points: null }),
      JSON.stringify({ ...entry, points: [1] }),
      JSON.stringify({ ...entry, points: true }),
      JSON.stringify([entry]),
      'null',
      '42',
    ];
    for (const body of bodies) {
      const res = await raw('/api/v1/point-entries', body);
      expect(res.statusCode, body).toBe(422);
      expect(errorBodySchema.parse(JSON.parse(res.body)).error).toBe('unprocessable');
    }
    for (const body of [{ month: '2026-13' }, { month: 202601 }, { month: '2026-1' }, { month: '0226-02' }, {}]) {
      expect((await raw('/api/v1/closes', JSON.stringify(body))).statusCode, JSON.stringify(body)).toBe(422);
    }
    const purchase = { idempotencyKey: 'pos-bad-input-0001', member: { memberNo: MEMBER_1.memberNo }, channel: 'ec', ref: 'EC-1', at: '2026-03-01T10:00:00+09:00', lines: [{ jan: '49012345', quantity: 1, amountYen: 100 }] };
    const line = purchase.lines[0];
    for (const body of [
      { ...purchase, lines: [{ ...line, quantity: 1e21 }] },
      { ...purchase, lines: [{ ...line, amountYen: -1 }] },
      { ...purchase, lines: [{ ...line, amountYen: 1.5 }] },
      { ...purchase, lines: 'all of them' },
      { ...purchase, member: MEMBER_1.memberNo },
      { ...purchase, member: { memberNo: MEMBER_1.memberNo, ecAccountId: 'x' } },
      { ...purchase, at: 'yesterday' },
    ]) {
      expect((await raw('/api/v1/purchases', JSON.stringify(body))).statusCode, JSON.stringify(body)).toBe(422);
    }
    for (const body of [{ summary: 1 }, { summary: 'x', channel: 'fax' }]) {
      const contact = { idempotencyKey: 'contact-bad-input-0001', member: { memberNo: MEMBER_1.memberNo }, channel: 'phone', at: '2026-03-01T10:00:00+09:00', ...body };
      expect((await raw('/api/v1/contacts', JSON.stringify(contact))).statusCode, JSON.stringify(contact)).toBe(422);
    }
    expect(await counts()).toEqual(before);
  });

  it('a value that passes the schema but not the database (a NUL byte) is a 4xx, and nothing is written', async () => {
    const before = await counts();
    const entry = { idempotencyKey: 'ec-bad-input-0002', memberNo: MEMBER_1.memberNo, type: 'earn', points: 1, channel: 'ec', ref: 'nul\u0000ref' };
    expect4xx(await raw('/api/v1/point-entries', JSON.stringify(entry)), 'NUL in ref');
    expect4xx(await raw('/api/v1/members', JSON.stringify({ name: 'nul\u0000name', nameKana: '', idempotencyKey: 'ec-bad-input-0003' })), 'NUL in name');
    const receipt = { idempotencyKey: 'pos-bad-input-0002', member: { memberNo: MEMBER_1.memberNo }, channel: 'ec', ref: 'EC-1', at: '2026-03-01T10:00:00+09:00' };
    expect4xx(await raw('/api/v1/purchases', JSON.stringify({ ...receipt, lines: [{ jan: '49012345', name: 'nul\u0000', quantity: 1, amountYen: 1 }] })), 'NUL in a line name');
    expect4xx(await raw('/api/v1/purchases', JSON.stringify({ ...receipt, ref: 'nul\u0000ref', lines: [{ jan: '49012345', quantity: 1, amountYen: 1 }] })), 'NUL in ref');
    expect4xx(await raw('/api/v1/contacts', JSON.stringify({ ...receipt, channel: 'phone', summary: 'nul\u0000summary' })), 'NUL in summary');
    // Issue 10: an abandoned cart's ref.
    const cart = { idempotencyKey: 'cart-bad-input-0001', member: { memberNo: MEMBER_1.memberNo }, cartRef: 'nul\u0000cart', at: new Date().toISOString(), totalYen: 1 };
    expect4xx(await raw('/api/v1/carts/abandoned', JSON.stringify(cart)), 'NUL in cartRef');
    expect(await counts()).toEqual(before);
  });

  // issue 10: HQ campaigns (PUT/DELETE, so not in WRITES)
  it('campaign writes: malformed, wrong media type, huge or hostile bodies and bad ids are 4xx, and the policy stays', async () => {
    const policyRow = async () => (await h.sql.query<{ seq: string; body: unknown }>("select seq::text as seq, body from setting_documents where id = 'points-policy'")).rows;
    const before = await policyRow();
    const put = (url: string, payload: string, contentType = 'application/json') =>
      h.app.inject({ method: 'PUT', url, headers: { ...AUTH, 'content-type': contentType }, payload });
    const url = '/api/v1/campaigns/bad-input-1';
    expect(expect4xx(await put(url, '{"name": '), 'malformed').error).toBe('invalid-request');
    expect4xx(await put(url, ''), 'empty');
    expect4xx(await put(url, 'name=x', 'application/x-www-form-urlencoded'), 'form');
    expect4xx(await put(url, '{"__proto__": {"admin": true}, "name": "x"}'), 'proto');
    expect(expect4xx(await put(url, JSON.stringify({ name: 'x'.repeat(BODY_LIMIT_BYTES) })), 'huge').error).toBe('payload-too-large');
    const campaign = { name: 'x', multiplier: 2, from: '2026-03-01', to: '2026-03-01', channel: 'both' };
    const bodies = [
      JSON.stringify(campaign).replace('"multiplier":2', '"multiplier":1e400'),
      JSON.stringify({ ...campaign, multiplier: null }),
      JSON.stringify([campaign]),
      JSON.stringify({ ...campaign, name: 'nul\u0000' }),
      JSON.stringify({ ...campaign, shopIds: ['nul\u0000'] }),
    ];
    for (const body of bodies) expect4xx(await put(url, body), body);
    for (const bad of ['/api/v1/campaigns/%00', '/api/v1/campaigns/a%2Fb', `/api/v1/campaigns/${'x'.repeat(65)}`]) {
      expect4xx(await put(bad, JSON.stringify(campaign)), bad);
      expect4xx(await h.app.inject({ method: 'DELETE', url: bad, headers: AUTH }), `DELETE ${bad}`);
    }
    expect(await policyRow()).toEqual(before);
  });

  // issue 10: bonus rules (PUT/DELETE, so not in WRITES)
  it('bonus rule writes: malformed, wrong media type, huge or hostile bodies and bad ids are 4xx, and the policy stays', async () => {
    const policyRow = async () => (await h.sql.query<{ seq: string; body: unknown }>("select seq::text as seq, body from setting_documents where id = 'points-policy'")).rows;
    const before = await policyRow();
    const put = (url: string, payload: string, contentType = 'application/json') =>
      h.app.inject({ method: 'PUT', url, headers: { ...AUTH, 'content-type': contentType }, payload });
    const url = '/api/v1/bonus-rules/bad-input-1';
    expect(expect4xx(await put(url, '{"name": '), 'malformed').error).toBe('invalid-request');
    expect4xx(await put(url, ''), 'empty');
    expect4xx(await put(url, 'name=x', 'application/x-www-form-urlencoded'), 'form');
    expect4xx(await put(url, '{"__proto__": {"admin": true}, "name": "x"}'), 'proto');
    expect(expect4xx(await put(url, JSON.stringify({ name: 'x'.repeat(BODY_LIMIT_BYTES) })), 'huge').error).toBe('payload-too-large');
    const rule = { name: 'x', kind: 'first-ec-purchase', points: 100, from: '2026-03-01', to: '2026-03-01' };
    const bodies = [
      JSON.stringify(rule).replace('"points":100', '"points":1e400'),
      JSON.stringify({ ...rule, points: null }),
      JSON.stringify({ ...rule, points: '100' }),
      JSON.stringify([rule]),
      JSON.stringify({ ...rule, name: 'nul\u0000' }),
    ];
    for (const body of bodies) expect4xx(await put(url, body), body);
    for (const bad of ['/api/v1/bonus-rules/%00', '/api/v1/bonus-rules/a%2Fb', `/api/v1/bonus-rules/${'x'.repeat(33)}`]) {
      expect4xx(await put(bad, JSON.stringify(rule)), bad);
      expect4xx(await h.app.inject({ method: 'DELETE', url: bad, headers: AUTH }), `DELETE ${bad}`);
    }
    expect(await policyRow()).toEqual(before);
  });

  it('bad path and query parameters are 400', async () => {
    for (const url of ['/api/v1/members/１０００００００01', '/api/v1/members/abc/points', '/api/v1/members/abc/timeline', '/api/v1/members/abc/suggestions', `/api/v1/members/${MEMBER_1.memberNo}/suggestions?shopId=`, `/api/v1/members/${MEMBER_1.memberNo}/suggestions?shopId=nowhere`, '/api/v1/members?lineUserId=U1', '/api/v1/members?ecAccountId=%00', '/api/v1/closes/2026-3', '/api/v1/closes/x.csv', '/api/v1/members?phone=', '/api/v1/members/%E0%A4%A', '/api/v1/members/abc/coupons', '/api/v1/kpis?from=2026-03-02&to=2026-03-01', '/api/v1/kpis?from=2025-01-01&to=2026-03-01', '/api/v1/kpis?from=2026-03-01&to=2026-03-01&channel=line', '/api/v1/kpis.csv?from=2026-02-30&to=2026-03-01', '/api/v1/kpis?from=2026-03-01&to=2026-03-01&shopId=nowhere']) {
      const res = await h.app.inject({ url, headers: AUTH });
      expect(expect4xx(res, url).error, url).toMatch(/invalid-request|unprocessable|not-found/);
    }
  });
});
