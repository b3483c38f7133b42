import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../src/domain/jan.ts';
import type { Checkpoint, EnrolResponse, PullResponse, Stock, StockSummary } from '../../src/protocol/index.ts';
import { STREAM_RESYNC_EVENT } from '../../src/protocol/index.ts';
import { openApiHarness, type ApiHarness } from './helpers/api.ts';
import { createEnrolmentCode, JANS, SHOP_A, SHOP_B, WAREHOUSE } from './helpers/fixture.ts';
import { openSse, type SseClient, type SseEvent } from './helpers/sse-client.ts';
import { backendName } from './helpers/test-store.ts';

const LOCATIONS = [SHOP_A, SHOP_B, WAREHOUSE];
const JAN = JANS[0] ?? '';

/**
 * Issue 5, point 2: a tablet holds the full stock rows of its own shop and a
 * summary of every location, live. Shop B's rows reach a shop-A tablet
 * neither through pull nor through the stream.
 */
describe(`partial replication of stock (${backendName})`, () => {
  let h: ApiHarness;
  let base: string;
  let tabletB: EnrolResponse;
  const open: SseClient[] = [];

  beforeAll(async () => {
    h = await openApiHarness();
    await createEnrolmentCode(h.sql, SHOP_B, 'TEST-BBBB-CCCC');
    const res = await h.app.inject({ method: 'POST', url: '/sync/v1/enrol', payload: { code: 'TEST-BBBB-CCCC', deviceName: 'B店 1' } });
    tabletB = res.json<EnrolResponse>();
    expect(tabletB.shop.id).toBe(SHOP_B);
    // Through the feed, so every product has its summary.
    const feed = JANS.flatMap((jan, i) => LOCATIONS.map((location, j) => ({ jan, location, onHand: 10 * i + j })));
    expect((await h.call('PUT', '/api/v1/stock', feed)).status).toBe(200);
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const client of open) client.close();
    await h.close();
  });

  const pullAll = async (collection: string, token: string, limit: number) => {
    const documents: Record<string, unknown>[] = [];
    let checkpoint: Checkpoint | null = null;
    let pages = 0;
    for (;;) {
      const query: string = checkpoint ? `seq=${checkpoint.seq}&id=${encodeURIComponent(checkpoint.id)}&limit=${limit}` : `limit=${limit}`;
      const res = await h.app.inject({ url: `/sync/v1/${collection}/pull?${query}`, headers: { ...h.headers, authorization: `Bearer ${token}` } });
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json<PullResponse>();
      pages += 1;
      // What a tablet's replication does: an empty page means "caught up".
      if (page.documents.length === 0) return { documents, pages };
      documents.push(...page.documents);
      checkpoint = page.checkpoint;
    }
  };

  const connect = async (token: string): Promise<SseClient> => {
    const client = await openSse(`${base}/sync/v1/stream`, { authorization: `Bearer ${token}` });
    open.push(client);
    await client.waitFor((e) => e.event === STREAM_RESYNC_EVENT);
    return client;
  };
  const docsOf = <T>(events: readonly SseEvent[], collection: string): T[] =>
    events.filter((e) => e.event === collection).flatMap((e) => (JSON.parse(e.data) as { documents: T[] }).documents);

  it("pulls only its own shop's stock rows", async () => {
    const { documents } = await pullAll('stock', h.device.token, 2);
    expect(documents.map((d) => d.id).sort()).toEqual(JANS.map((jan) => `${jan}@${SHOP_A}`).sort());
    const ofB = await pullAll('stock', tabletB.token, 2);
    expect(ofB.documents.map((d) => (d as unknown as Stock).locationId)).toEqual(JANS.map(() => SHOP_B));
  });

  it('pulls a summary of every product with every location, and every location', async () => {
    const { documents } = await pullAll('stock_summaries', h.device.token, 2);
    const summaries = documents as unknown as StockSummary[];
    expect(summaries.map((s) => s.jan).sort()).toEqual([...JANS].sort());
    for (const [i, jan] of JANS.entries()) {
      const summary = summaries.find((s) => s.jan === jan);
      expect(summary?.locations.map((l) => [l.locationId, l.available])).toEqual(LOCATIONS.map((location, j) => [location, 10 * i + j]));
    }
    const locations = await pullAll('locations', h.device.token, 100);
    expect(locations.documents.map((d) => d.id).sort()).toEqual([...LOCATIONS].sort());
  });

  it("hears a stock change at shop B as a new summary, and never receives B's stock row", async () => {
    const a = await connect(h.device.token);
    const b = await connect(tabletB.token);

    // One feed touching both shops: each tablet's stream carries its own row only.
    const answer = await h.call('PUT', '/api/v1/stock', [
      { jan: JAN, location: SHOP_B, onHand: 77 },
      { jan: JAN, location: SHOP_A, onHand: 33 },
    ]);
    expect(answer.status, answer.text).toBe(200);
    const summary = (event: SseEvent) => docsOf<StockSummary>([event], 'stock_summaries').some((s) => s.jan === JAN && s.locations.some((l) => l.locationId === SHOP_B && l.available === 77));
    await a.waitFor(summary);
    await b.waitFor(summary);
    await a.waitFor((e) => docsOf<Stock>([e], 'stock').some((s) => s.locationId === SHOP_A && s.onHand === 33));
    await b.waitFor((e) => docsOf<Stock>([e], 'stock').some((s) => s.locationId === SHOP_B && s.onHand === 77));

    // A change at B alone: A hears the summary, and nothing of stock.
    expect((await h.call('PUT', '/api/v1/stock', [{ jan: JAN, location: SHOP_B, onHand: 78 }])).status).toBe(200);
    await a.waitFor((e) => docsOf<StockSummary>([e], 'stock_summaries').some((s) => s.locations.some((l) => l.locationId === SHOP_B && l.available === 78)));
    await b.waitFor((e) => docsOf<Stock>([e], 'stock').some((s) => s.onHand === 78));
    await h.hub.idle();

    expect(docsOf<Stock>(a.events, 'stock').map((s) => s.locationId)).toEqual([SHOP_A]);
    expect(docsOf<Stock>(b.events, 'stock').every((s) => s.locationId === SHOP_B)).toBe(true);
    expect(a.events.some((e) => e.data.includes(`${JAN}@${SHOP_B}`))).toBe(false);
  });

  it('pages to the end of its own rows when most rows belong to other locations', async () => {
    // 300 products stocked at B and the warehouse only, then a few at A, last in seq order.
    const others = Array.from({ length: 300 }, (_, i) => withCheckDigit(`49222${String(i).padStart(7, '0')}`));
    const ours = Array.from({ length: 5 }, (_, i) => withCheckDigit(`49333${String(i).padStart(7, '0')}`));
    expect((await h.call('PUT', '/api/v1/products', [...others, ...ours].map((jan) => ({ jan, name: jan, price: 100 })))).status).toBe(200);
    const feed = others.flatMap((jan) => [SHOP_B, WAREHOUSE].map((location) => ({ jan, location, onHand: 1 })));
    expect((await h.call('PUT', '/api/v1/stock', feed)).status).toBe(200);
    expect((await h.call('PUT', '/api/v1/stock', ours.map((jan) => ({ jan, location: SHOP_A, onHand: 2 })))).status).toBe(200);

    const { documents, pages } = await pullAll('stock', h.device.token, 10);
    expect(documents.map((d) => d.id).sort()).toEqual([...JANS, ...ours].map((jan) => `${jan}@${SHOP_A}`).sort());
    // Pages hold own rows only: nothing spent on reading past B's 600 rows.
    expect(pages).toBe(2);
  });
});
