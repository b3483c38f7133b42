import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrolResponse, Order } from '../../src/protocol/index.ts';
import { apiOrderSchema, errorBodySchema, orderSchema, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/protocol/index.ts';
import { AUTH, openApiHarness, type ApiHarness } from './helpers/api.ts';
import { JANS, SHOP_A, SHOP_B, WAREHOUSE } from './helpers/fixture.ts';
import { backendName } from './helpers/test-store.ts';

/**
 * The demand: N parallel orders for k units at one location confirm
 * exactly k, HTTP and sync push mixed. Real HTTP, every request in flight at
 * once on its own connection (and on PostgreSQL its own pooled connection).
 */
describe(`orders racing for the last units (${backendName})`, () => {
  const N = 20;
  const K = 3;
  const JAN = JANS[0] ?? '';
  let h: ApiHarness;
  let base: string;
  let tablets: EnrolResponse[];
  beforeAll(async () => {
    h = await openApiHarness();
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
    tablets = [h.device, ...(await Promise.all(Array.from({ length: 4 }, (_, i) => h.enrol(`端末${i + 2}`))))];
    await h.sql.query('update stock set on_hand = $3, reserved = 0 where jan = $1 and location_id = $2', [JAN, SHOP_B, K]);
  });
  afterAll(async () => {
    await h.close();
  });

  const viaApi = async (i: number) => {
    const res = await fetch(`${base}/api/v1/orders`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ idempotencyKey: `ec-race-order-${i}`, jan: JAN, quantity: 1, fromLocation: SHOP_B, fulfilment: 'ship' }),
    });
    const body = (await res.json()) as unknown;
    if (res.status === 201) return { id: `ec-race-order-${i}`, confirmed: true, alternatives: [] as Order['alternatives'], body };
    expect(res.status).toBe(409);
    const error = errorBodySchema.parse(body);
    expect(error.error).toBe('out-of-stock');
    const details = error.details as { alternatives: Order['alternatives'] };
    return { id: `ec-race-order-${i}`, confirmed: false, alternatives: details.alternatives, body };
  };

  const viaPush = async (i: number) => {
    const tablet = tablets[i % tablets.length];
    if (!tablet) throw new Error('no tablet');
    const now = new Date().toISOString();
    const order: Order = {
      id: `tablet-race-order-${i}`,
      jan: JAN,
      quantity: 1,
      fromLocation: SHOP_B,
      shopId: SHOP_A,
      fulfilment: 'pickup',
      memberId: '',
      status: 'pending',
      reason: '',
      alternatives: [],
      channel: 'store',
      deviceId: tablet.deviceId,
      staffId: '',
      offline: false,
      createdAt: now,
      updatedAt: now,
    };
    const res = await fetch(`${base}/sync/v1/orders/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tablet.token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), 'content-type': 'application/json' },
      body: JSON.stringify([{ assumedMasterState: null, newDocumentState: order }]),
    });
    expect(res.status).toBe(200);
    // The push answers the server's copy: that is how the tablet learns the verdict.
    const [stored] = orderSchema.array().parse(await res.json());
    expect(stored?.id).toBe(order.id);
    return { id: order.id, confirmed: stored?.status === 'confirmed', alternatives: stored?.alternatives ?? [], body: stored };
  };

  it(`${N} orders (half API, half sync push) for ${K} units confirm exactly ${K}; the rest are refused with where else it is`, async () => {
    const answers = await Promise.all(Array.from({ length: N }, (_, i) => (i % 2 === 0 ? viaApi(i) : viaPush(i))));

    const confirmed = answers.filter((a) => a.confirmed);
    expect(confirmed).toHaveLength(K);
    for (const a of confirmed.filter((c) => c.id.startsWith('ec-'))) expect(apiOrderSchema.parse(a.body).status).toBe('confirmed');
    for (const refused of answers.filter((a) => !a.confirmed)) {
      // Shop A and the warehouse still have this product (fixture: 5 each).
      expect(refused.alternatives).toEqual(expect.arrayContaining([{ locationId: SHOP_A, available: 5 }, { locationId: WAREHOUSE, available: 5 }]));
      expect(refused.alternatives.map((alt) => alt.locationId)).not.toContain(SHOP_B);
    }

    const { rows: stock } = await h.sql.query<{ on_hand: number; reserved: number }>('select on_hand, reserved from stock where jan = $1 and location_id = $2', [
      JAN,
      SHOP_B,
    ]);
    expect(stock[0]).toEqual({ on_hand: K, reserved: K });
    const { rows: orders } = await h.sql.query<{ status: string; n: number }>(
      `select status, count(*)::int as n from orders where jan = $1 group by status order by status`,
      [JAN],
    );
    expect(orders).toEqual([
      { status: 'confirmed', n: K },
      { status: 'refused', n: N - K },
    ]);
    // The summary every tablet reads says the shop is sold out.
    const { rows: summary } = await h.sql.query<{ locations: { locationId: string; available: number }[] }>('select locations from stock_summaries where jan = $1', [
      JAN,
    ]);
    expect(summary[0]?.locations.find((l) => l.locationId === SHOP_B)?.available).toBe(0);
  });
});
