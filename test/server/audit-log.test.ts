import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../src/protocol/index.ts';
import { auditAlertsSchema, auditPageSchema } from '../../src/protocol/index.ts';
import { recordServerAudit } from '../../server/services/audit.ts';
import { AUTH, expectError, openApiHarness, type ApiHarness } from './helpers/api.ts';
import { MEMBER_1, MEMBER_2, SHOP_A, SHOP_B } from './helpers/fixture.ts';
import { seedTestApprover, TEST_APPROVAL } from './helpers/staff.ts';
import { backendName } from './helpers/test-store.ts';

describe(`audit log: tablet push (${backendName})`, () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await openApiHarness();
    await seedTestApprover(h);
  });
  afterAll(async () => {
    await h.close();
  });

  const lookup = (overrides: Partial<AuditEvent> = {}): AuditEvent => ({
    id: randomUUID(),
    action: 'member-lookup',
    at: new Date().toISOString(),
    staffId: 'clerk-1',
    deviceId: h.device.deviceId,
    shopId: SHOP_A,
    memberId: MEMBER_1.id,
    approvedBy: null,
    detail: { via: 'scan' },
    ...overrides,
  });
  const push = async (docs: object[]) => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/sync/v1/audit_events/push',
      headers: h.headers,
      payload: docs.map((newDocumentState) => ({ newDocumentState })),
    });
    return { status: res.statusCode, body: res.json<unknown>() };
  };
  const stored = async (id: string) =>
    (await h.sql.query('select device_id, shop_id, staff_id, member_id, detail from audit_events where id = $1', [id])).rows;
  const total = async () => (await h.sql.query<{ n: number }>('select count(*)::int as n from audit_events')).rows[0]?.n ?? 0;

  it('inserts a new event and answers no conflicts', async () => {
    const event = lookup();
    expect(await push([event])).toEqual({ status: 200, body: [] });
    expect(await stored(event.id)).toEqual([
      { device_id: h.device.deviceId, shop_id: SHOP_A, staff_id: 'clerk-1', member_id: MEMBER_1.id, detail: { via: 'scan' } },
    ]);
  });

  it('takes a retry with the same content as a no-op, whatever the offset or key order it is written with', async () => {
    const event = lookup({ detail: { via: 'search', points: 0 } });
    await push([event]);
    const before = await total();
    const jst = new Date(Date.parse(event.at) + 9 * 3600_000).toISOString().replace('Z', '+09:00');
    expect(await push([event])).toEqual({ status: 200, body: [] });
    expect(await push([{ ...event, at: jst, detail: { points: 0, via: 'search' } }])).toEqual({ status: 200, body: [] });
    expect(await total()).toBe(before);
  });

  it('answers the stored event when the same id comes with other content, and keeps the first', async () => {
    const event = lookup();
    await push([event]);
    const answer = await push([{ ...event, memberId: MEMBER_2.id }]);
    expect(answer).toEqual({ status: 200, body: [{ ...event, _deleted: false }] });
    expect((await stored(event.id))[0]).toMatchObject({ member_id: MEMBER_1.id });
  });

  it('writes the pushing device and its shop, whatever the document claims', async () => {
    const event = lookup({ deviceId: 'someone-else', shopId: SHOP_B });
    expect(await push([event])).toEqual({ status: 200, body: [] });
    expect((await stored(event.id))[0]).toMatchObject({ device_id: h.device.deviceId, shop_id: SHOP_A });
  });

  it('refuses a batch with one bad event (400) and writes none of it', async () => {
    const good = lookup();
    const before = await total();
    const bad = [{ ...lookup(), action: 'coffee-break' }, { ...lookup(), id: 'not-a-uuid' }, { ...lookup(), staffId: 'a b' }];
    for (const wrong of bad) {
      const answer = await push([good, wrong]);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: 'invalid-request' });
    }
    expect(await push([good, { ...lookup(), detail: { name: 'x'.repeat(201) } }])).toMatchObject({ status: 400 });
    expect(await total()).toBe(before);
    expect(await stored(good.id)).toEqual([]);
  });

  it('ignores a pushed tombstone: nothing deletes history', async () => {
    const event = lookup();
    await push([event]);
    expect(await push([{ ...event, _deleted: true }])).toEqual({ status: 200, body: [] });
    expect(await stored(event.id)).toHaveLength(1);
    // One the server never saw is not written as an event either.
    const unseen = lookup();
    expect(await push([{ ...unseen, _deleted: true }])).toEqual({ status: 200, body: [] });
    expect(await stored(unseen.id)).toEqual([]);
  });

  it('is never pulled by a tablet', async () => {
    const res = await h.app.inject({ url: '/sync/v1/audit_events/pull?limit=5000', headers: h.headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ documents: unknown[] }>().documents).toEqual([]);
  });
});

describe(`audit log: HQ search, alerts and server-side events (${backendName})`, () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await openApiHarness();
    await seedTestApprover(h);
  });
  afterAll(async () => {
    await h.close();
  });

  const search = async (query: string) => {
    const answer = await h.call('GET', `/api/v1/audit-events?${query}`);
    expect(answer.status, answer.text).toBe(200);
    return auditPageSchema.parse(answer.body);
  };

  it('filters by staff, member, shop, device, action and time, newest first', async () => {
    const base = Date.parse('2021-03-01T00:00:00Z');
    const at = (minutes: number) => new Date(base + minutes * 60_000).toISOString();
    await recordServerAudit(h.sql, { action: 'member-lookup', staffId: 'f-1', shopId: SHOP_A, deviceId: 'dev-a', memberId: MEMBER_1.id, at: at(1) });
    await recordServerAudit(h.sql, { action: 'member-lookup', staffId: 'f-1', shopId: SHOP_A, deviceId: 'dev-a', memberId: MEMBER_2.id, at: at(2) });
    await recordServerAudit(h.sql, { action: 'redemption', staffId: 'f-1', shopId: SHOP_A, deviceId: 'dev-a', memberId: MEMBER_2.id, at: at(3) });
    await recordServerAudit(h.sql, { action: 'member-lookup', staffId: 'f-2', shopId: SHOP_B, deviceId: 'dev-b', memberId: MEMBER_1.id, at: at(4) });

    const times = (page: { events: { at: string }[] }) => page.events.map((e) => e.at);
    expect(times(await search('staffId=f-1'))).toEqual([at(3), at(2), at(1)]);
    expect(times(await search('staffId=f-1&action=member-lookup'))).toEqual([at(2), at(1)]);
    expect(times(await search(`memberId=${MEMBER_1.id}&from=${at(0)}`))).toEqual([at(4), at(1)]);
    expect(times(await search(`shopId=${SHOP_B}&from=${at(0)}&to=${at(10)}`))).toEqual([at(4)]);
    expect(times(await search('deviceId=dev-a&from=' + at(2) + '&to=' + at(3)))).toEqual([at(2)]);
    const [event] = (await search('staffId=f-2')).events;
    expect(event).toMatchObject({ staffId: 'f-2', deviceId: 'dev-b', shopId: SHOP_B, memberId: MEMBER_1.id, approvedBy: null, detail: {} });
    expect(Date.parse(event?.receivedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
  });

  it('pages with a keyset cursor: every event once, in order, even with equal times', async () => {
    const at = '2021-04-01T10:00:00.123456Z';
    for (let i = 0; i < 5; i += 1) await recordServerAudit(h.sql, { action: 'member-lookup', staffId: 'p-1', at, detail: { n: i } });
    await recordServerAudit(h.sql, { action: 'member-lookup', staffId: 'p-1', at: '2021-04-01T10:00:00.123455Z', detail: { n: 5 } });
    const all = await search('staffId=p-1&limit=500');
    expect(all.nextCursor).toBeNull();
    expect(all.events).toHaveLength(6);
    expect(all.events.at(-1)?.detail).toEqual({ n: 5 });

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof search>> = await search(`staffId=p-1&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...page.events.map((e) => e.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 10);
    expect(seen).toEqual(all.events.map((e) => e.id));
    expect(pages).toBe(3);
  });

  it('answers 400 for a malformed filter, limit or cursor', async () => {
    const impossible = `cursor=${encodeURIComponent(`2021-13-45T99:00:00.000000Z~${randomUUID()}`)}`;
    for (const query of ['action=coffee', 'limit=0', 'limit=501', 'from=yesterday', 'from=2021-02-30T00:00:00Z', 'cursor=abc', impossible, 'staffId=' + 'x'.repeat(40)]) {
      expectError(await h.call('GET', `/api/v1/audit-events?${query}`), 400, 'invalid-request');
    }
    expectError(await h.call('GET', '/api/v1/audit-events', undefined, {}), 401, 'unauthorized');
  });

  it('lists the staff with unusual lookup volume under the documented rule', async () => {
    const day = '2020-06-01';
    const lookups = async (staffId: string, shopId: string, n: number) => {
      await h.sql.query(
        `insert into audit_events (id, action, at, staff_id, shop_id, device_id)
         select gen_random_uuid(), 'member-lookup', $1::timestamptz + (g || ' seconds')::interval, $2, $3, 'dev'
           from generate_series(1, $4::int) g`,
        [`${day}T01:00:00Z`, staffId, shopId, n],
      );
    };
    // Shop A: three ordinary clerks and one who looked up 500 members (median 13 → threshold max(100, 39) = 100).
    await lookups('a-1', SHOP_A, 10);
    await lookups('a-2', SHOP_A, 12);
    await lookups('a-3', SHOP_A, 14);
    await lookups('a-4', SHOP_A, 500);
    // Shop B has two staff: no median of its own, compared with the chain's (13).
    await lookups('b-1', SHOP_B, 150);
    await lookups('b-2', SHOP_B, 10);
    // Other actions do not count.
    await recordServerAudit(h.sql, { action: 'redemption', staffId: 'a-1', shopId: SHOP_A, at: `${day}T02:00:00Z` });

    const answer = await h.call('GET', `/api/v1/audit-events/alerts?from=${day}T00:00:00Z&to=2020-06-02T00:00:00Z`);
    expect(answer.status, answer.text).toBe(200);
    const alerts = auditAlertsSchema.parse(answer.body);
    expect(alerts.rule).toEqual({ floorPerDay: 100, factor: 3, minShopPeers: 3 });
    expect(alerts.alerts).toEqual([
      { staffId: 'a-4', shopId: SHOP_A, lookups: 500, median: 13, comparedWith: 'shop', threshold: 100 },
      { staffId: 'b-1', shopId: SHOP_B, lookups: 150, median: 13, comparedWith: 'chain', threshold: 100 },
    ]);
    // Over two days the floor doubles (200): only a-4 is left.
    const twoDays = auditAlertsSchema.parse((await h.call('GET', `/api/v1/audit-events/alerts?from=${day}T00:00:00Z&to=2020-06-03T00:00:00Z`)).body);
    expect(twoDays.alerts.map((a) => a.staffId)).toEqual(['a-4']);
    // A period that holds none of it has no alerts.
    const later = auditAlertsSchema.parse((await h.call('GET', '/api/v1/audit-events/alerts?from=2020-07-01T00:00:00Z&to=2020-07-02T00:00:00Z')).body);
    expect(later.alerts).toEqual([]);

    expectError(await h.call('GET', '/api/v1/audit-events/alerts?from=2020-07-02T00:00:00Z&to=2020-07-01T00:00:00Z'), 400, 'invalid-request');
    expectError(await h.call('GET', '/api/v1/audit-events/alerts?from=2020-01-01T00:00:00Z&to=2020-07-01T00:00:00Z'), 400, 'invalid-request');
    expectError(await h.call('GET', '/api/v1/audit-events/alerts?from=2020-13-45T00:00:00Z'), 400, 'invalid-request');
  });

  it('records a merge and its undo, with the member and the merge', async () => {
    const merged = await h.call('POST', '/api/v1/merges', {
      idempotencyKey: randomUUID(),
      survivorNo: MEMBER_1.memberNo,
      mergedNo: MEMBER_2.memberNo,
      approval: TEST_APPROVAL,
    });
    expect(merged.status, merged.text).toBe(201);
    const mergeId = (merged.body as { id: string }).id;
    const merges = await search(`action=merge&memberId=${MEMBER_1.id}`);
    expect(merges.events).toHaveLength(1);
    expect(merges.events[0]?.detail).toMatchObject({ mergeId, mergedMemberId: MEMBER_2.id });
    expect(merges.events[0]?.approvedBy).toBe(TEST_APPROVAL.staffId);

    expect((await h.call('POST', `/api/v1/merges/${mergeId}/undo`, { approval: TEST_APPROVAL })).status).toBe(200);
    const undos = await search(`action=merge-undo&memberId=${MEMBER_1.id}`);
    expect(undos.events.map((e) => e.detail.mergeId)).toEqual([mergeId]);
    // A repeated undo changes nothing and records nothing.
    await h.call('POST', `/api/v1/merges/${mergeId}/undo`, { approval: TEST_APPROVAL });
    expect((await search('action=merge-undo')).events).toHaveLength(1);
  });

  it('records device actions: enrolment code, enrolment and revocation', async () => {
    const code = await h.call('POST', '/api/v1/enrolment-codes', { shopId: SHOP_B });
    expect(code.status, code.text).toBe(200);
    expect((await search(`action=device-enrolment-code&shopId=${SHOP_B}`)).events).toHaveLength(1);

    const enrolled = await h.app.inject({ method: 'POST', url: '/sync/v1/enrol', payload: { code: (code.body as { code: string }).code, deviceName: 'B店レジ' } });
    const deviceId = enrolled.json<{ deviceId: string }>().deviceId;
    expect((await search(`action=device-enrol&deviceId=${deviceId}`)).events[0]).toMatchObject({ shopId: SHOP_B, staffId: null });

    expect((await h.call('POST', `/api/v1/devices/${deviceId}/revoke`, {})).status).toBe(200);
    const revokes = await search(`deviceId=${deviceId}&action=device-revoke`);
    expect(revokes.events).toHaveLength(1);
    expect(revokes.events[0]).toMatchObject({ shopId: SHOP_B, deviceId });
    // An unknown device is a 404 and leaves no event.
    const unknown = randomUUID();
    expectError(await h.call('POST', `/api/v1/devices/${unknown}/revoke`, {}), 404, 'not-found');
    expect((await search(`deviceId=${unknown}`)).events).toEqual([]);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await h.call('GET', '/api/v1/openapi.json', undefined, AUTH)).body as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/audit-events', '/api/v1/audit-events/alerts']));
  });
});
