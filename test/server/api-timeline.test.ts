import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiContactSchema, apiOrderSchema, apiPointEntrySchema, apiPurchaseSchema, timelineSchema, type Timeline, type TimelineItem } from '../../src/protocol/index.ts';
import { expectError, openApiHarness, type ApiHarness } from './helpers/api.ts';
import { earn, JANS, SHOP_A, WAREHOUSE } from './helpers/fixture.ts';
import { seedTestApprover, TEST_APPROVAL } from './helpers/staff.ts';
import { backendName } from './helpers/test-store.ts';

/** Newest first; the same millisecond by id, then kind, in byte order (ids here are ASCII, so `<` is byte order). */
const compare = (a: TimelineItem, b: TimelineItem) =>
  a.at !== b.at ? (a.at < b.at ? 1 : -1) : a.id !== b.id ? (a.id < b.id ? 1 : -1) : a.kind < b.kind ? 1 : a.kind > b.kind ? -1 : 0;

/**
 * Issue 9: the customer timeline against the feeds that produced it. Each
 * feed's answer is turned into the item the timeline must show; the whole
 * list and every way of paging through it must give exactly those items.
 */
describe(`GET /api/v1/members/:memberNo/timeline (${backendName})`, () => {
  let h: ApiHarness;
  let member: { id: string; memberNo: string };
  const expected: TimelineItem[] = [];
  beforeAll(async () => {
    h = await openApiHarness();
    await seedTestApprover(h);
    const made = await h.call('POST', '/api/v1/members', { name: '時系列 花子', nameKana: 'ジケイレツ ハナコ' });
    member = made.body as { id: string; memberNo: string };
  });
  afterAll(async () => {
    await h.close();
  });

  const timeline = async (query: string, memberNo = member.memberNo): Promise<Timeline> => {
    const answer = await h.call('GET', `/api/v1/members/${memberNo}/timeline${query}`);
    expect(answer.status, answer.text).toBe(200);
    return timelineSchema.parse(answer.body);
  };
  /** Posts a feed twice (a retry): the second answer must be the first, and one row is written. */
  const postTwice = async (url: string, body: unknown, table: 'purchases' | 'contacts' | 'orders' | 'point_entries') => {
    const before = await h.count(table);
    const first = await h.call('POST', url, body);
    expect(first.status, first.text).toBe(201);
    const again = await h.call('POST', url, body);
    expect(again.status, again.text).toBe(200);
    expect(again.text).toBe(first.text);
    expect(await h.count(table)).toBe(before + 1);
    return first.body;
  };
  const purchase = async (body: Record<string, unknown>) => {
    const p = apiPurchaseSchema.parse(
      await postTwice('/api/v1/purchases', { member: { memberNo: member.memberNo }, ...body }, 'purchases'),
    );
    expected.push({ kind: 'purchase', channel: p.channel, at: p.at, id: p.id, ref: p.ref, shopId: p.shopId, totalYen: p.totalYen, lines: p.lines });
  };
  const contact = async (body: Record<string, unknown>) => {
    const c = apiContactSchema.parse(await postTwice('/api/v1/contacts', { member: { memberNo: member.memberNo }, ...body }, 'contacts'));
    expected.push({ kind: 'contact', channel: c.channel, at: c.at, id: c.id, summary: c.summary, staff: c.staff });
  };

  it('lists every feed of the member across channels, newest first, as the feeds posted them', async () => {
    const line = (jan: string, amountYen: number) => ({ jan, quantity: 1, amountYen });
    await purchase({ idempotencyKey: 'tl-store-0001', channel: 'store', ref: 'R-1', shopId: SHOP_A, at: '2026-03-01T10:00:00+09:00', lines: [line(JANS[0] ?? '', 1000), line(JANS[1] ?? '', 500)] });
    await purchase({ idempotencyKey: 'tl-ec-0001', channel: 'ec', ref: 'EC-1', at: '2026-03-03T21:30:00+09:00', lines: [line(JANS[2] ?? '', 3000)] });
    await contact({ idempotencyKey: 'tl-contact-0001', channel: 'line', at: '2026-03-02T12:00:00+09:00', summary: '入荷の問い合わせ' });
    // Four items in one millisecond: the order between them is by id, then kind, and paging must keep it.
    const tie = '2026-03-04T09:00:00.000+09:00';
    await contact({ idempotencyKey: 'tl-tie-0002', channel: 'shop', at: tie, summary: '試着', staff: '佐藤' });
    await contact({ idempotencyKey: 'tl-tie-0001', channel: 'email', at: tie, summary: '返品' });
    await purchase({ idempotencyKey: 'tl-tie-0002', channel: 'store', ref: 'R-2', shopId: SHOP_A, at: tie, lines: [line(JANS[0] ?? '', 0)] });
    await purchase({ idempotencyKey: 'tl-tie-0003', channel: 'ec', ref: 'EC-2', at: tie, lines: [line(JANS[1] ?? '', 100)] });

    // A tablet's earn at a known time, through the ledger.
    const tabletEarn = earn(15, { id: 'tl-points-0001', memberId: member.id, ref: 'R-1', createdAt: '2026-03-01T01:00:30.000Z' });
    await h.postAt('2026-03-01T01:00:30.000Z', [tabletEarn]);
    expected.push({ kind: 'points', channel: 'store', at: '2026-03-01T01:00:30.000Z', id: 'tl-points-0001', type: 'earn', points: 15, ref: 'R-1' });
    // And an EC redemption through the API (its time is the server's).
    const redeem = apiPointEntrySchema.parse(
      await postTwice('/api/v1/point-entries', { idempotencyKey: 'tl-points-0002', memberNo: member.memberNo, type: 'redeem', points: 5, channel: 'ec', ref: 'EC-1' }, 'point_entries'),
    );
    expected.push({ kind: 'points', channel: 'ec', at: redeem.at, id: redeem.idempotencyKey, type: 'redeem', points: -5, ref: 'EC-1' });

    const order = apiOrderSchema.parse(
      await postTwice('/api/v1/orders', { idempotencyKey: 'tl-order-0001', jan: JANS[0], quantity: 1, fromLocation: WAREHOUSE, memberNo: member.memberNo, fulfilment: 'ship' }, 'orders'),
    );
    expected.push({ kind: 'order', channel: 'ec', at: order.createdAt, id: order.id, jan: order.jan, quantity: 1, status: 'confirmed' });
    expected.sort(compare);

    // Another member's feeds are not this member's.
    expect((await h.call('POST', '/api/v1/contacts', { idempotencyKey: 'tl-other-0001', member: { memberNo: '1000000001' }, channel: 'phone', at: tie, summary: '別人' })).status).toBe(201);

    const whole = await timeline('?limit=100');
    expect(whole).toEqual({ memberNo: member.memberNo, items: expected, nextBefore: null });
    // The order spelt out, so the comparison above is not the only judge: the redemption and the order are the server's now.
    expect(whole.items.slice(2).map((item) => `${item.kind} ${item.id}`)).toEqual([
      'purchase tl-tie-0003',
      'purchase tl-tie-0002',
      'contact tl-tie-0002',
      'contact tl-tie-0001',
      'purchase tl-ec-0001',
      'contact tl-contact-0001',
      'points tl-points-0001',
      'purchase tl-store-0001',
    ]);
    expect((await timeline('')).items).toEqual(expected);
  });

  it('pages through the same list with nextBefore, never skipping or repeating an item, for every page size', async () => {
    for (const limit of [1, 2, 3, 4, 7]) {
      const seen: TimelineItem[] = [];
      let query = `?limit=${limit}`;
      for (let page = 0; page < 20; page += 1) {
        const { items, nextBefore } = await timeline(query);
        expect(items.length).toBeLessThanOrEqual(limit);
        seen.push(...items);
        if (nextBefore === null) break;
        expect(items.length).toBe(limit);
        query = `?limit=${limit}&before=${encodeURIComponent(nextBefore)}`;
      }
      expect(seen, `limit ${limit}`).toEqual(expected);
    }
  });

  it('takes a plain time as before: the items strictly earlier', async () => {
    const { items } = await timeline(`?before=${encodeURIComponent('2026-03-04T09:00:00+09:00')}`);
    expect(items).toEqual(expected.filter((item) => item.at < '2026-03-04T00:00:00.000Z'));
    expect((await timeline('?before=2026-01-01T00:00:00Z')).items).toEqual([]);
  });

  it('answers an old number with the survivor timeline, which holds the merged record rows', async () => {
    const made = await h.call('POST', '/api/v1/members', { name: '旧 会員', nameKana: 'キュウ カイイン' });
    const old = made.body as { memberNo: string };
    await h.call('POST', '/api/v1/contacts', { idempotencyKey: 'tl-merged-0001', member: { memberNo: old.memberNo }, channel: 'phone', at: '2026-02-01T10:00:00+09:00', summary: '住所変更' });
    const merge = await h.call('POST', '/api/v1/merges', { idempotencyKey: 'tl-merge-0001', survivorNo: member.memberNo, mergedNo: old.memberNo, approval: TEST_APPROVAL });
    expect(merge.status, merge.text).toBe(201);
    const merged = await timeline('?limit=100', old.memberNo);
    expect(merged.memberNo).toBe(member.memberNo);
    expect(merged.mergedFromNo).toBe(old.memberNo);
    expect(merged.items.map((item) => item.id)).toContain('tl-merged-0001');
    // The merge moved no points here (the old record had none), so the rest is exactly what was there.
    expect(merged.items.filter((item) => item.id !== 'tl-merged-0001')).toEqual(expected);
  });

  it('refuses bad paging parameters and unknown members', async () => {
    for (const query of ['?limit=0', '?limit=101', '?limit=x', '?before=yesterday', '?before=2026-03-01T00:00:00', `?before=${encodeURIComponent('2026-03-01T00:00:00Z~a b~purchase')}`, `?before=${encodeURIComponent('2026-03-01T00:00:00Z~x~nope')}`]) {
      expectError(await h.call('GET', `/api/v1/members/${member.memberNo}/timeline${query}`), 400, 'invalid-request');
    }
    expectError(await h.call('GET', '/api/v1/members/1999999999/timeline'), 404, 'not-found');
  });
});
