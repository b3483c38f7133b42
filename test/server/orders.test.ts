import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../src/protocol/index.ts';
import { apiOrderSchema, orderSchema } from '../../src/protocol/index.ts';
import { expectError, openApiHarness, type ApiHarness } from './helpers/api.ts';
import { JANS, MEMBER_1, SHOP_A, SHOP_B, WAREHOUSE } from './helpers/fixture.ts';
import { backendName } from './helpers/test-store.ts';

// Fixture: JANS[i] costs 1000 × (i + 1) yen and has 5 + i units at every location.
const JAN = JANS[1] ?? '';
const PRICE = 2000;

describe(`orders: lifecycle, idempotency, sync push (${backendName})`, () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await openApiHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  let keys = 0;
  const order = (overrides: Record<string, unknown> = {}) => ({
    idempotencyKey: `ec-order-${backendName}-${String((keys += 1)).padStart(4, '0')}`,
    jan: JAN,
    quantity: 1,
    fromLocation: WAREHOUSE,
    fulfilment: 'ship',
    ...overrides,
  });
  const stockAt = async (location: string, jan = JAN) => {
    const { rows } = await h.sql.query<{ on_hand: number; reserved: number }>('select on_hand, reserved from stock where jan = $1 and location_id = $2', [jan, location]);
    return rows[0];
  };
  const summaryAt = async (location: string, jan = JAN) => {
    const { rows } = await h.sql.query<{ locations: { locationId: string; available: number }[] }>('select locations from stock_summaries where jan = $1', [jan]);
    return rows[0]?.locations.find((l) => l.locationId === location)?.available;
  };
  const count = async (table: 'orders' | 'point_entries') => {
    const { rows } = await h.sql.query<{ n: number }>(`select count(*)::int as n from ${table}`);
    return rows[0]?.n ?? 0;
  };
  const move = (id: string, status: string) => h.call('POST', `/api/v1/orders/${id}/status`, { status });
  const pushOrders = async (docs: object[], headers = h.headers) => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/sync/v1/orders/push',
      headers,
      payload: docs.map((newDocumentState) => ({ assumedMasterState: null, newDocumentState })),
    });
    return { status: res.statusCode, body: res.json<unknown>() };
  };
  const tabletOrder = (overrides: Partial<Order> = {}): Order => {
    const now = new Date().toISOString();
    return {
      id: crypto.randomUUID(),
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
      deviceId: h.device.deviceId,
      staffId: '',
      offline: true,
      createdAt: now,
      updatedAt: now,
      ...overrides,
    };
  };

  it('places an order: 201 confirmed, the stock reserved and its summary updated; a replay answers 200 with the same body', async () => {
    const before = await stockAt(WAREHOUSE);
    const request = order({ quantity: 2, memberNo: MEMBER_1.memberNo });
    const placed = await h.call('POST', '/api/v1/orders', request);
    expect(placed.status, placed.text).toBe(201);
    expect(apiOrderSchema.parse(placed.body)).toMatchObject({ id: request.idempotencyKey, status: 'confirmed', memberNo: MEMBER_1.memberNo, memberId: MEMBER_1.id, channel: 'ec' });
    expect(await stockAt(WAREHOUSE)).toEqual({ on_hand: before?.on_hand, reserved: (before?.reserved ?? 0) + 2 });
    expect(await summaryAt(WAREHOUSE)).toBe((before?.on_hand ?? 0) - (before?.reserved ?? 0) - 2);

    const replay = await h.call('POST', '/api/v1/orders', request);
    expect(replay.status).toBe(200);
    expect(replay.text).toBe(placed.text);
    expect(await stockAt(WAREHOUSE)).toEqual({ on_hand: before?.on_hand, reserved: (before?.reserved ?? 0) + 2 });
    const got = await h.call('GET', `/api/v1/orders/${request.idempotencyKey}`);
    expect(got.text).toBe(placed.text);
  });

  it('refuses the same key with other content (409 idempotency-conflict), writing nothing', async () => {
    const request = order();
    expect((await h.call('POST', '/api/v1/orders', request)).status).toBe(201);
    const orders = await count('orders');
    const stock = await stockAt(WAREHOUSE);
    expectError(await h.call('POST', '/api/v1/orders', { ...request, quantity: 2 }), 409, 'idempotency-conflict');
    expectError(await h.call('POST', '/api/v1/orders', { ...request, memberNo: MEMBER_1.memberNo }), 409, 'idempotency-conflict');
    expect(await count('orders')).toBe(orders);
    expect(await stockAt(WAREHOUSE)).toEqual(stock);
  });

  it('refuses an order over what is available: 409 out-of-stock naming where else it is, the same on replay', async () => {
    // Shop B: 6 units; after this order 5. Shop A still has 6; the warehouse has fewer (earlier tests reserved some).
    expect((await h.call('POST', '/api/v1/orders', order({ fromLocation: SHOP_B }))).status).toBe(201);
    const stock = await stockAt(SHOP_B);
    const request = order({ fromLocation: SHOP_B, quantity: 6 });
    const refused = expectError(await h.call('POST', '/api/v1/orders', request), 409, 'out-of-stock');
    expect(refused.details).toMatchObject({ fromLocation: SHOP_B, alternatives: [{ locationId: SHOP_A, available: 6 }] });
    expect(await stockAt(SHOP_B)).toEqual(stock);
    expect(expectError(await h.call('POST', '/api/v1/orders', request), 409, 'out-of-stock').details).toEqual(refused.details);
    const got = await h.call('GET', `/api/v1/orders/${request.idempotencyKey}`);
    expect(apiOrderSchema.parse(got.body)).toMatchObject({ status: 'refused', reason: 'out-of-stock' });
  });

  it('answers bad input with 4xx and writes nothing', async () => {
    const orders = await count('orders');
    const cases: [unknown, number, string][] = [
      [order({ jan: '4901234567890' }), 422, 'unprocessable'], // check digit
      [order({ jan: JANS[0]?.replace(/^49/, '45') }), 422, 'unprocessable'],
      [order({ quantity: 0 }), 422, 'unprocessable'],
      [order({ quantity: 100 }), 422, 'unprocessable'],
      [order({ fromLocation: 'nowhere' }), 422, 'unprocessable'],
      [order({ fulfilment: 'pickup' }), 422, 'unprocessable'], // no shop to pick up at
      [order({ fulfilment: 'pickup', shopId: WAREHOUSE }), 422, 'unprocessable'],
      [order({ fulfilment: 'pickup', shopId: SHOP_A }), 422, 'unprocessable'], // the warehouse ships home only
      [order({ fulfilment: 'teleport' }), 422, 'unprocessable'],
      [order({ idempotencyKey: 'short' }), 422, 'unprocessable'],
      [order({ memberNo: '9999999999' }), 422, 'unknown-member'],
      ['{"not json', 400, 'invalid-request'],
    ];
    for (const [body, status, code] of cases) expectError(await h.call('POST', '/api/v1/orders', body), status, code);
    expect(await count('orders')).toBe(orders);
    expectError(await h.call('GET', '/api/v1/orders/no-such-order-1'), 404, 'not-found');
    expectError(await h.call('GET', '/api/v1/orders/bad%20id'), 400, 'invalid-request');
    expectError(await move('no-such-order-1', 'cancelled'), 404, 'not-found');
  });

  it('cancelling gives the reservation back; a cancelled order cannot move again', async () => {
    const before = await stockAt(WAREHOUSE);
    const request = order({ quantity: 3 });
    expect((await h.call('POST', '/api/v1/orders', request)).status).toBe(201);
    expect((await stockAt(WAREHOUSE))?.reserved).toBe((before?.reserved ?? 0) + 3);
    const cancelled = await move(request.idempotencyKey, 'cancelled');
    expect(apiOrderSchema.parse(cancelled.body)).toMatchObject({ status: 'cancelled', reason: 'cancelled' });
    expect(await stockAt(WAREHOUSE)).toEqual(before);
    expect(await summaryAt(WAREHOUSE)).toBe((before?.on_hand ?? 0) - (before?.reserved ?? 0));
    // A retry of the cancel is the same answer, not a second release.
    expect((await move(request.idempotencyKey, 'cancelled')).text).toBe(cancelled.text);
    expect(await stockAt(WAREHOUSE)).toEqual(before);
    expect(expectError(await move(request.idempotencyKey, 'shipped'), 409, 'invalid-transition').details).toEqual({ from: 'cancelled', to: 'shipped' });
  });

  it('validates transitions: a delivery is never "ready", a pickup never "shipped", nothing completes before it left', async () => {
    const ship = order();
    expect((await h.call('POST', '/api/v1/orders', ship)).status).toBe(201);
    expectError(await move(ship.idempotencyKey, 'ready'), 409, 'invalid-transition');
    expectError(await move(ship.idempotencyKey, 'completed'), 409, 'invalid-transition');
    expectError(await move(ship.idempotencyKey, 'confirmed'), 422, 'unprocessable');
    const pickup = order({ fromLocation: SHOP_B, fulfilment: 'pickup', shopId: SHOP_A });
    expect((await h.call('POST', '/api/v1/orders', pickup)).status).toBe(201);
    expectError(await move(pickup.idempotencyKey, 'shipped'), 409, 'invalid-transition');
    expect(apiOrderSchema.parse((await move(pickup.idempotencyKey, 'ready')).body).status).toBe('ready');
  });

  it('completing takes the goods off the stock and earns the member their EC points once', async () => {
    const before = await stockAt(WAREHOUSE);
    const entries = await count('point_entries');
    const request = order({ quantity: 2, memberNo: MEMBER_1.memberNo });
    expect((await h.call('POST', '/api/v1/orders', request)).status).toBe(201);
    expect(apiOrderSchema.parse((await move(request.idempotencyKey, 'shipped')).body).status).toBe('shipped');
    expect(await count('point_entries')).toBe(entries);
    const completed = await move(request.idempotencyKey, 'completed');
    expect(apiOrderSchema.parse(completed.body).status).toBe('completed');
    expect(await stockAt(WAREHOUSE)).toEqual({ on_hand: (before?.on_hand ?? 0) - 2, reserved: before?.reserved });
    expect(await summaryAt(WAREHOUSE)).toBe((before?.on_hand ?? 0) - (before?.reserved ?? 0) - 2);

    // Default policy: 1 point per 100 yen, regular rank.
    const { rows } = await h.sql.query<{ member_id: string; type: string; points: number; amount_yen: number; channel: string; ref: string }>(
      'select member_id, type, points, amount_yen, channel, ref from point_entries where id = $1',
      [`order:${request.idempotencyKey}:earn`],
    );
    expect(rows).toEqual([{ member_id: MEMBER_1.id, type: 'earn', points: (2 * PRICE) / 100, amount_yen: 2 * PRICE, channel: 'ec', ref: request.idempotencyKey }]);
    expect((await move(request.idempotencyKey, 'completed')).text).toBe(completed.text);
    expect(await count('point_entries')).toBe(entries + 1);
    expect(await stockAt(WAREHOUSE)).toEqual({ on_hand: (before?.on_hand ?? 0) - 2, reserved: before?.reserved });
    expectError(await move(request.idempotencyKey, 'cancelled'), 409, 'invalid-transition');
  });

  it('sync push: places a pending order and answers the server copy; a retry or a tampered copy gets the stored one', async () => {
    const before = await stockAt(SHOP_B);
    const draft = tabletOrder({ shopId: 'shop-claimed', deviceId: 'someone-else' });
    const first = await pushOrders([draft]);
    expect(first.status).toBe(200);
    const [stored] = orderSchema.array().parse(first.body);
    // The shop and device are the pushing tablet's, whatever the document said.
    expect(stored).toMatchObject({ id: draft.id, status: 'confirmed', shopId: SHOP_A, deviceId: h.device.deviceId, offline: true });
    expect((await stockAt(SHOP_B))?.reserved).toBe((before?.reserved ?? 0) + 1);

    expect(await pushOrders([draft])).toEqual(first);
    expect(await pushOrders([{ ...draft, status: 'cancelled' }])).toEqual(first);
    expect(await pushOrders([{ ...draft, _deleted: true }])).toEqual(first);
    expect((await stockAt(SHOP_B))?.reserved).toBe((before?.reserved ?? 0) + 1);
  });

  it('sync push: a new order that is not pending is refused, not trusted; an out-of-stock one carries alternatives', async () => {
    const orders = await count('orders');
    const cheat = tabletOrder({ status: 'confirmed' });
    const big = tabletOrder({ quantity: 50 });
    const answer = await pushOrders([cheat, big]);
    expect(answer.status).toBe(200);
    const [a, b] = orderSchema.array().parse(answer.body);
    expect(a).toMatchObject({ id: cheat.id, status: 'refused', reason: 'invalid-status' });
    expect(b).toMatchObject({ id: big.id, status: 'refused', reason: 'out-of-stock', alternatives: [] });
    expect(await count('orders')).toBe(orders + 2);
  });

  it('sync push: an order naming an unknown product, location or member is a 400 for the batch, nothing written', async () => {
    const orders = await count('orders');
    const stock = await stockAt(SHOP_B);
    for (const bad of [{ jan: '4900000000000' }, { fromLocation: 'nowhere' }, { memberId: 'member-404' }, { fulfilment: 'pickup' as const, fromLocation: WAREHOUSE, shopId: SHOP_A }]) {
      expect((await pushOrders([tabletOrder(), tabletOrder(bad)])).status).toBe(400);
    }
    expect((await pushOrders([{ ...tabletOrder(), quantity: 0 }])).status).toBe(400);
    expect(await count('orders')).toBe(orders);
    expect(await stockAt(SHOP_B)).toEqual(stock);
  });

  it('pull: a tablet sees the orders its shop took and the ones its shop fills, not other shops\' orders', async () => {
    const elsewhere = order({ jan: JANS[2], fromLocation: SHOP_B, fulfilment: 'pickup', shopId: SHOP_B });
    expect((await h.call('POST', '/api/v1/orders', elsewhere)).status).toBe(201);
    const fromA = order({ jan: JANS[2], fromLocation: SHOP_A, fulfilment: 'pickup', shopId: SHOP_B });
    expect((await h.call('POST', '/api/v1/orders', fromA)).status).toBe(201);
    const res = await h.app.inject({ url: '/sync/v1/orders/pull?limit=1000', headers: h.headers });
    const docs = orderSchema.array().parse(res.json<{ documents: unknown[] }>().documents);
    const ids = docs.map((d) => d.id);
    expect(ids).toContain(fromA.idempotencyKey);
    expect(ids).not.toContain(elsewhere.idempotencyKey);
    for (const doc of docs) expect(doc.shopId === SHOP_A || doc.fromLocation === SHOP_A).toBe(true);
  });
});
