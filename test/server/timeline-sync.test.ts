import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionName, EnrolResponse, PullResponse, Timeline, TimelineDoc, WireDocument } from '../../src/protocol/index.ts';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, STREAM_RESYNC_EVENT, timelineDocSchema, timelineSchema } from '../../src/protocol/index.ts';
import { SYNCED_TABLES } from '../../server/services/collections.ts';
import { runDaily } from '../../server/jobs/daily.ts';
import { ageTimeline } from '../../server/services/timeline-window.ts';
import { type ApiAnswer, expectError, openApiHarness, type ApiHarness } from './helpers/api.ts';
import { createEnrolmentCode, JANS, MEMBER_1, MEMBER_2, SHOP_A, SHOP_B } from './helpers/fixture.ts';
import { openSse, type SseClient } from './helpers/sse-client.ts';
import { backendName } from './helpers/test-store.ts';

type Doc = WireDocument<TimelineDoc>;
type Plan = Record<string, unknown> & { Plans?: Plan[] };

const DAY_MS = 24 * 3600 * 1000;
const daysAgo = (days: number): string => new Date(Date.now() - days * DAY_MS).toISOString();
const ZERO = { seq: 0, id: '' };

function planNodes(plan: Plan): Plan[] {
  return [plan, ...(plan.Plans ?? []).flatMap(planNodes)];
}

/**
 * Issue 9, the server side of the replicated `timeline` collection: purchases
 * and contacts of the feeds reach the tablets holding the member (pull and
 * stream), shop notes come back from them, items that leave the device window
 * become text-less tombstones, and older history is paged online.
 */
describe(`the replicated timeline (${backendName})`, () => {
  let h: ApiHarness;
  let deviceB: EnrolResponse;
  let streamA: SseClient;
  let streamB: SseClient;
  const announced: CollectionName[] = [];
  const headersOf = (token: string) => ({ authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) });

  /** Every timeline document a tablet pulls after `from`, two per page, and where it ended. */
  const pullAll = async (token: string, from = ZERO) => {
    const documents: Doc[] = [];
    let checkpoint = from;
    for (;;) {
      const res = await h.app.inject({ url: `/sync/v1/timeline/pull?seq=${checkpoint.seq}&id=${encodeURIComponent(checkpoint.id)}&limit=2`, headers: headersOf(token) });
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json<PullResponse<Doc>>();
      documents.push(...page.documents);
      if (!page.checkpoint || (page.checkpoint.seq === checkpoint.seq && page.checkpoint.id === checkpoint.id)) return { documents, checkpoint };
      checkpoint = page.checkpoint;
    }
  };
  const push = async (rows: unknown[], token = h.device.token): Promise<ApiAnswer> => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/sync/v1/timeline/push',
      headers: headersOf(token),
      payload: rows.map((newDocumentState) => ({ assumedMasterState: null, newDocumentState })),
    });
    return { status: res.statusCode, body: res.json(), text: res.body, headers: res.headers };
  };
  const apiTimeline = async (memberNo: string, query = ''): Promise<Timeline> => {
    const answer = await h.call('GET', `/api/v1/members/${memberNo}/timeline${query}`);
    expect(answer.status, answer.text).toBe(200);
    return timelineSchema.parse(answer.body);
  };
  const note = (overrides: Partial<TimelineDoc> = {}): TimelineDoc => ({
    id: `contact:${crypto.randomUUID()}`,
    memberId: MEMBER_1.id,
    kind: 'contact',
    channel: 'shop',
    at: daysAgo(0.1),
    shopId: SHOP_A,
    ref: '',
    totalYen: 0,
    lines: [],
    summary: 'ネイビーのM、入荷したら連絡ほしい',
    staff: 'clerk-a',
    updatedAt: new Date().toISOString(),
    ...overrides,
  });

  beforeAll(async () => {
    h = await openApiHarness();
    await createEnrolmentCode(h.sql, SHOP_B, 'TEST-SHOP-BBBB');
    const res = await h.app.inject({ method: 'POST', url: '/sync/v1/enrol', payload: { code: 'TEST-SHOP-BBBB', deviceName: 'B店レジ' } });
    deviceB = res.json<EnrolResponse>();
    h.notifier.subscribe((collection) => announced.push(collection));
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
    streamA = await openSse(`${base}/sync/v1/stream`, headersOf(h.device.token));
    streamB = await openSse(`${base}/sync/v1/stream`, headersOf(deviceB.token));
    await streamA.waitFor((e) => e.event === STREAM_RESYNC_EVENT);
    await streamB.waitFor((e) => e.event === STREAM_RESYNC_EVENT);
  });
  afterAll(async () => {
    streamA.close();
    streamB.close();
    await h.close();
  });

  const purchaseAt = daysAgo(3);
  const contactAt = daysAgo(2);

  it('a purchase and a contact of the feeds reach the tablets of the member’s shop as they were posted, at once', async () => {
    announced.length = 0;
    const purchase = await h.call('POST', '/api/v1/purchases', {
      idempotencyKey: 'tl-purchase-1',
      member: { memberNo: MEMBER_1.memberNo },
      channel: 'store',
      shopId: SHOP_A,
      ref: 'R-0001',
      at: purchaseAt,
      lines: [
        { jan: JANS[0], name: 'ロゴT M', quantity: 2, amountYen: 5800 },
        { jan: JANS[1], quantity: 1, amountYen: 1200 },
      ],
    });
    expect(purchase.status, purchase.text).toBe(201);
    expect(announced).toContain('timeline');
    const contact = await h.call('POST', '/api/v1/contacts', {
      idempotencyKey: 'tl-contact-1',
      member: { memberNo: MEMBER_1.memberNo },
      channel: 'line',
      at: contactAt,
      summary: '取り置きの期限を確認したい',
      staff: '佐藤',
    });
    expect(contact.status, contact.text).toBe(201);

    const { documents } = await pullAll(h.device.token);
    for (const doc of documents) timelineDocSchema.parse(doc);
    const common = { memberId: MEMBER_1.id, updatedAt: expect.any(String) as unknown, _deleted: false };
    expect(documents).toEqual([
      {
        id: 'purchase:tl-purchase-1',
        kind: 'purchase',
        channel: 'store',
        at: purchaseAt,
        shopId: SHOP_A,
        ref: 'R-0001',
        totalYen: 7000,
        lines: [
          { jan: JANS[0], name: 'ロゴT M', quantity: 2, amountYen: 5800 },
          { jan: JANS[1], name: '', quantity: 1, amountYen: 1200 },
        ],
        summary: '',
        staff: '',
        ...common,
      },
      { id: 'contact:tl-contact-1', kind: 'contact', channel: 'line', at: contactAt, shopId: '', ref: '', totalYen: 0, lines: [], summary: '取り置きの期限を確認したい', staff: '佐藤', ...common },
    ]);

    // The stream of A's tablet pushed both; B's tablet pulls and hears nothing of a member of A.
    await streamA.waitFor((e) => e.event === 'timeline' && e.data.includes('contact:tl-contact-1'));
    await streamA.waitFor((e) => e.event === 'timeline' && e.data.includes('purchase:tl-purchase-1'));
    expect((await pullAll(deviceB.token)).documents).toEqual([]);
    await h.hub.idle();
    expect(streamB.events.filter((e) => e.event === 'timeline')).toEqual([]);
  });

  it('a replayed feed post writes nothing and wakes no tablet', async () => {
    announced.length = 0;
    const again = await h.call('POST', '/api/v1/contacts', {
      idempotencyKey: 'tl-contact-1',
      member: { memberNo: MEMBER_1.memberNo },
      channel: 'line',
      at: contactAt,
      summary: '取り置きの期限を確認したい',
      staff: '佐藤',
    });
    expect(again.status, again.text).toBe(200);
    expect(announced).not.toContain('timeline');
  });

  /**
   * On a handful of rows the planner rightly prefers reading everything, so
   * sequential scans and sorts are priced out: the question is whether pull
   * on the view can walk both tables in (seq, prefixed id) order and stop.
   */
  it('pull walks each table’s (seq, prefixed id) index in order, with no sort', async () => {
    const t = SYNCED_TABLES.timeline;
    const params: unknown[] = [0, '', 100];
    const scope = t.scope?.({ id: 'd', shopId: SHOP_A } as Parameters<NonNullable<typeof t.scope>>[0], (v) => `$${params.push(v)}`) ?? 'true';
    const plan = await h.sql.transaction(async (tx) => {
      await tx.query('set local enable_seqscan = off');
      await tx.query('set local enable_sort = off');
      const { rows } = await tx.query<{ 'QUERY PLAN': [{ Plan: Plan }] }>(
        `explain (format json) select ${t.columns} from ${t.table} where (seq, id) > ($1, $2) and (${scope}) order by seq, id limit $3`,
        params,
      );
      return rows[0]?.['QUERY PLAN'][0].Plan ?? {};
    });
    const nodes = planNodes(plan);
    expect(nodes.filter((n) => n['Node Type'] === 'Sort')).toEqual([]);
    const reads = nodes.filter((n) => ['purchases', 'contacts'].includes(String(n['Relation Name'])));
    expect(reads.map((n) => [n['Node Type'], n['Index Name']]).sort()).toEqual([
      ['Index Scan', 'contacts_timeline_seq_id'],
      ['Index Scan', 'purchases_timeline_seq_id'],
    ]);
    for (const node of reads) expect(node['Index Cond'], JSON.stringify(node)).toBeDefined();
  });

  describe('shop notes pushed by a tablet', () => {
    const contactsCount = () => h.count('contacts');

    it('are stored as contacts of channel shop, answered as the server holds them, and reach the API timeline', async () => {
      const from = (await pullAll(h.device.token)).checkpoint;
      announced.length = 0;
      const written = note({ at: '2026-12-01T10:00:00.123456+09:00' });
      const answer = await push([written]);
      expect(answer.status, answer.text).toBe(200);
      const [stored] = answer.body as Doc[];
      expect(stored).toEqual({ ...written, at: '2026-12-01T01:00:00.123Z', updatedAt: expect.any(String) as unknown, _deleted: false });
      expect(announced).toContain('timeline');
      const uuid = written.id.slice('contact:'.length);
      const { rows } = await h.sql.query('select member_id, channel, shop_id, staff from contacts where id = $1', [uuid]);
      expect(rows).toEqual([{ member_id: MEMBER_1.id, channel: 'shop', shop_id: SHOP_A, staff: 'clerk-a' }]);
      const timeline = await apiTimeline(MEMBER_1.memberNo);
      expect(timeline.items).toContainEqual({ kind: 'contact', channel: 'shop', id: uuid, at: '2026-12-01T01:00:00.123Z', summary: written.summary, staff: 'clerk-a' });
      // The other tablets of the shop get it like any contact.
      expect((await pullAll(h.device.token, from)).documents).toEqual([stored]);
    });

    it('a replay, or other content under the same id, or a tombstone keeps the stored note and answers it', async () => {
      const first = note();
      const stored = ((await push([first])).body as Doc[])[0];
      const before = await contactsCount();
      announced.length = 0;
      for (const again of [first, { ...first, summary: '書き換え', staff: 'someone-else' }, { ...first, _deleted: true }]) {
        const answer = await push([again]);
        expect(answer.status, answer.text).toBe(200);
        expect(answer.body).toEqual([stored]);
      }
      expect(await contactsCount()).toBe(before);
      expect(announced).not.toContain('timeline');
      const { rows } = await h.sql.query('select summary, deleted from contacts where id = $1', [first.id.slice('contact:'.length)]);
      expect(rows).toEqual([{ summary: first.summary, deleted: false }]);
    });

    it('refuses, naming the row and writing nothing: another channel or kind, another shop, a malformed row', async () => {
      const before = await contactsCount();
      const bad = [
        { ...note(), channel: 'line' },
        { ...note(), id: 'purchase:x-1', kind: 'purchase' },
        { ...note(), summary: '   ' },
        { ...note(), id: 'contact:not-a-uuid' },
        { ...note(), lines: [{ jan: JANS[0], name: '', quantity: 1, amountYen: 100 }] },
      ];
      for (const row of bad) {
        const answer = await push([note(), row]);
        const body = expectError(answer, 400, 'invalid-request');
        expect(body.details, answer.text).toEqual([expect.objectContaining({ index: 1 })]);
      }
      const otherShop = await push([note(), note({ shopId: SHOP_B })]);
      expect(expectError(otherShop, 400, 'invalid-request').details).toEqual([expect.objectContaining({ index: 1, issues: [expect.objectContaining({ path: 'shopId' })] })]);
      expect(await contactsCount()).toBe(before);
    });

    it('answers 422 unknown-member for a member the server does not have yet, or that this shop does not hold, writing nothing', async () => {
      const before = await contactsCount();
      const unknown = await push([note(), note({ memberId: 'member-registered-offline' })]);
      expect(expectError(unknown, 422, 'unknown-member').details).toEqual({ unknownMemberIds: ['member-registered-offline'] });
      // MEMBER_1 belongs to shop A: B's tablet cannot write on them, nor learn that they exist.
      const elsewhere = await push([note({ shopId: SHOP_B })], deviceB.token);
      expect(expectError(elsewhere, 422, 'unknown-member').details).toEqual({ unknownMemberIds: [MEMBER_1.id] });
      expect(await contactsCount()).toBe(before);
    });
  });

  describe('the device window', () => {
    it('an item that ages out reaches the tablet as a tombstone without its text; the API keeps it whole', async () => {
      const at = daysAgo(80);
      const posted = await h.call('POST', '/api/v1/contacts', {
        idempotencyKey: 'tl-contact-old',
        member: { memberNo: MEMBER_2.memberNo },
        channel: 'phone',
        at,
        summary: '住所変更の連絡',
        staff: '田中',
      });
      expect(posted.status, posted.text).toBe(201);
      const first = await pullAll(h.device.token);
      expect(first.documents.find((d) => d.id === 'contact:tl-contact-old')).toMatchObject({ summary: '住所変更の連絡', _deleted: false });

      announced.length = 0;
      // Twenty days on, the window (90 days) starts 70 days ago: only this item is older.
      // Through the daily job, as production ages items.
      expect((await runDaily(h.sql, new Date(Date.now() + 20 * DAY_MS).toISOString(), h.notifier)).timelineAged).toBe(1);
      expect(announced).toContain('timeline');
      const { documents } = await pullAll(h.device.token, first.checkpoint);
      expect(documents).toEqual([
        {
          id: 'contact:tl-contact-old',
          memberId: MEMBER_2.id,
          kind: 'contact',
          channel: 'phone',
          at,
          shopId: '',
          ref: '',
          totalYen: 0,
          lines: [],
          summary: '',
          staff: '',
          updatedAt: expect.any(String) as unknown,
          _deleted: true,
        },
      ]);
      expect((await apiTimeline(MEMBER_2.memberNo)).items).toContainEqual({ kind: 'contact', channel: 'phone', id: 'tl-contact-old', at, summary: '住所変更の連絡', staff: '田中' });
      // Aged once: the next run finds nothing.
      expect(await ageTimeline(h.sql, h.notifier, new Date(Date.now() + 20 * DAY_MS).toISOString())).toBe(0);
    });

    it('a purchase posted already older than the window never reaches a tablet with its content', async () => {
      const from = (await pullAll(h.device.token)).checkpoint;
      const posted = await h.call('POST', '/api/v1/purchases', {
        idempotencyKey: 'tl-purchase-backfill',
        member: { memberNo: MEMBER_2.memberNo },
        channel: 'ec',
        ref: 'EC-9',
        at: daysAgo(200),
        lines: [{ jan: JANS[2], name: '古い買い物', quantity: 1, amountYen: 3000 }],
      });
      expect(posted.status, posted.text).toBe(201);
      const { documents } = await pullAll(h.device.token, from);
      expect(documents).toEqual([expect.objectContaining({ id: 'purchase:tl-purchase-backfill', ref: '', totalYen: 0, lines: [], _deleted: true })]);
    });
  });

  describe('GET /sync/v1/members/:memberId/timeline', () => {
    const fromTablet = async (memberId: string, query = '', token = h.device.token): Promise<ApiAnswer> => {
      const res = await h.app.inject({ url: `/sync/v1/members/${encodeURIComponent(memberId)}/timeline${query}`, headers: token ? headersOf(token) : {} });
      return { status: res.statusCode, body: res.json(), text: res.body, headers: res.headers };
    };

    it('pages the member’s timeline exactly as /api/v1 does', async () => {
      let before = '';
      const items: Timeline['items'] = [];
      for (;;) {
        const answer = await fromTablet(MEMBER_1.id, `?limit=3${before}`);
        expect(answer.status, answer.text).toBe(200);
        const page = timelineSchema.parse(answer.body);
        expect(page).toEqual(await apiTimeline(MEMBER_1.memberNo, `?limit=3${before}`));
        items.push(...page.items);
        if (page.nextBefore === null) break;
        before = `&before=${encodeURIComponent(page.nextBefore)}`;
      }
      // A purchase, a contact and two shop notes: two pages, the whole timeline.
      expect(items.length).toBe(4);
      expect(items).toEqual((await apiTimeline(MEMBER_1.memberNo)).items);
    });

    it('answers 404 for a member outside the shop’s scope like an unknown id, 400 for bad input, 401 without a token', async () => {
      expectError(await fromTablet(MEMBER_1.id, '', deviceB.token), 404, 'not-found');
      expectError(await fromTablet('no-such-member'), 404, 'not-found');
      expectError(await fromTablet(MEMBER_1.id, '?before=yesterday'), 400, 'invalid-request');
      expectError(await fromTablet(MEMBER_1.id, '?limit=0'), 400, 'invalid-request');
      expectError(await fromTablet('x'.repeat(65)), 400, 'invalid-request');
      expectError(await fromTablet(MEMBER_1.id, '', ''), 401, 'unauthorized');
    });
  });

  it('a member looked up online at another shop brings their timeline to that shop’s tablets', async () => {
    // B's tablet is past every item so far (as if it had pulled later items of its own members).
    const { rows } = await h.sql.query<{ seq: number; id: string }>('select seq::int as seq, id from timeline_items order by seq desc, id desc limit 1');
    const from = rows[0] ?? ZERO;
    expect(from.seq).toBeGreaterThan(0);
    expect((await pullAll(deviceB.token, from)).documents).toEqual([]);
    const lookup = await h.app.inject({ url: `/sync/v1/members/lookup?q=${MEMBER_1.memberNo}`, headers: headersOf(deviceB.token) });
    expect(lookup.statusCode, lookup.body).toBe(200);
    const ids = (await pullAll(deviceB.token, from)).documents.map((d) => d.id);
    const held = (await pullAll(h.device.token)).documents.filter((d) => d.memberId === MEMBER_1.id && !d._deleted).map((d) => d.id);
    // The purchase, the contact and the two shop notes A holds.
    expect(held.length).toBe(4);
    expect(ids.sort()).toEqual(held.sort());
    await streamB.waitFor((e) => e.event === 'timeline' && e.data.includes('purchase:tl-purchase-1'));
    // And its older history online.
    const older = await h.app.inject({ url: `/sync/v1/members/${MEMBER_1.id}/timeline`, headers: headersOf(deviceB.token) });
    expect(older.statusCode, older.body).toBe(200);
  });
});
