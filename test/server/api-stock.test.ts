import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../src/domain/jan.ts';
import type { Availability } from '../../src/protocol/index.ts';
import { expectError, openApiHarness, type ApiHarness } from './helpers/api.ts';
import { JANS, SHOP_A, SHOP_B, WAREHOUSE } from './helpers/fixture.ts';
import { backendName } from './helpers/test-store.ts';

const JAN = JANS[0] ?? '';
const NEW_JAN = withCheckDigit('490555000001');
/** A JAN whose check digit is wrong. */
const BAD_JAN = `${NEW_JAN.slice(0, 12)}${(Number(NEW_JAN[12]) + 1) % 10}`;

describe(`/api/v1 stock feeds (${backendName})`, () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await openApiHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  /** Everything a feed can write, to prove a refused feed wrote nothing. */
  const snapshot = async (): Promise<unknown> => {
    const read = async (q: string) => (await h.sql.query(q)).rows;
    return {
      products: await read('select jan, name, name_kana, price_yen, style_code, size, colour, seq from products order by jan'),
      stock: await read('select id, on_hand, reserved, seq from stock order by id'),
      summaries: await read('select jan, locations, seq from stock_summaries order by jan'),
    };
  };
  const onHand = async (jan: string, location: string): Promise<number | undefined> =>
    (await h.sql.query<{ on_hand: number }>('select on_hand from stock where jan = $1 and location_id = $2', [jan, location])).rows[0]?.on_hand;

  it('upserts products with their variant fields, and a repeated feed rewrites nothing', async () => {
    const feed = [
      { jan: NEW_JAN, name: 'Tシャツ 白 M', nameKana: 'ティーシャツ', price: 2990, styleCode: 'TS-01', styleName: 'Tシャツ', size: 'M', colour: '白' },
      { jan: JAN, name: '商品0 改', price: 1500 },
    ];
    const first = await h.call('PUT', '/api/v1/products', feed);
    expect(first.status, first.text).toBe(200);
    expect(first.body).toEqual({ received: 2 });
    const { rows } = await h.sql.query('select jan, name, name_kana, price_yen, style_code, style_name, size, colour from products where jan = any($1) order by jan', [[NEW_JAN, JAN]]);
    expect(rows).toEqual(
      expect.arrayContaining([
        { jan: NEW_JAN, name: 'Tシャツ 白 M', name_kana: 'ティーシャツ', price_yen: 2990, style_code: 'TS-01', style_name: 'Tシャツ', size: 'M', colour: '白' },
        { jan: JAN, name: '商品0 改', name_kana: '', price_yen: 1500, style_code: '', style_name: '', size: '', colour: '' },
      ]),
    );
    // A new product has a summary (nowhere in stock yet), so tablets can list it.
    const summary = await h.sql.query('select locations from stock_summaries where jan = $1', [NEW_JAN]);
    expect(summary.rows).toEqual([{ locations: [] }]);

    const before = await snapshot();
    expect((await h.call('PUT', '/api/v1/products', feed)).status).toBe(200);
    expect(await snapshot()).toEqual(before);
  });

  it('sets on-hand, keeps reserved, refreshes the summary, and answers availability', async () => {
    await h.sql.query('update stock set reserved = 2 where jan = $1 and location_id = $2', [JAN, SHOP_B]);
    const answer = await h.call('PUT', '/api/v1/stock', [
      { jan: JAN, location: SHOP_B, onHand: 7 },
      { jan: NEW_JAN, location: WAREHOUSE, onHand: 40 },
    ]);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body).toEqual({ received: 2 });

    const availability = await h.call('GET', `/api/v1/products/${JAN}/availability`);
    expect(availability.status).toBe(200);
    const body = availability.body as Availability;
    expect(body.jan).toBe(JAN);
    expect(body.locations.map(({ updatedAt: _, ...rest }) => rest)).toEqual([
      { location: SHOP_A, onHand: 5, reserved: 0, available: 5 },
      { location: SHOP_B, onHand: 7, reserved: 2, available: 5 },
      { location: WAREHOUSE, onHand: 5, reserved: 0, available: 5 },
    ]);
    for (const l of body.locations) expect(Date.parse(l.updatedAt)).not.toBeNaN();

    const fresh = await h.call('GET', `/api/v1/products/${NEW_JAN}/availability`);
    expect((fresh.body as Availability).locations.map((l) => [l.location, l.available])).toEqual([[WAREHOUSE, 40]]);
    const summary = await h.sql.query<{ locations: { locationId: string; available: number }[] }>('select locations from stock_summaries where jan = $1', [NEW_JAN]);
    expect(summary.rows[0]?.locations.map((l) => [l.locationId, l.available])).toEqual([[WAREHOUSE, 40]]);
  });

  it('lists the locations', async () => {
    const answer = await h.call('GET', '/api/v1/locations');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual([
      { id: SHOP_A, kind: 'store', name: 'A店' },
      { id: SHOP_B, kind: 'store', name: 'B店' },
      { id: WAREHOUSE, kind: 'warehouse', name: 'EC倉庫' },
    ]);
  });

  describe('refuses bad input with a 4xx and writes nothing', () => {
    let before: unknown;
    beforeEach(async () => {
      before = await snapshot();
    });
    const refused = async (method: 'PUT' | 'GET', url: string, payload: unknown, status: number, code: string): Promise<unknown> => {
      const body = expectError(await h.call(method, url, payload), status, code);
      expect(await snapshot()).toEqual(before);
      return body.details;
    };

    it('unknown products and locations, naming the rows, even when other rows are good', async () => {
      const details = await refused(
        'PUT',
        '/api/v1/stock',
        [
          { jan: JAN, location: SHOP_A, onHand: 99 },
          { jan: withCheckDigit('490999999999'), location: SHOP_A, onHand: 1 },
          { jan: JAN, location: 'shop-z', onHand: 1 },
        ],
        422,
        'unprocessable',
      );
      expect(details).toEqual({
        rows: [
          { index: 1, jan: withCheckDigit('490999999999'), location: SHOP_A, reason: 'unknown-product' },
          { index: 2, jan: JAN, location: 'shop-z', reason: 'unknown-location' },
        ],
      });
      expect(await onHand(JAN, SHOP_A)).toBe(5);
    });

    it('an on-hand count below the reserved units (refused, not clamped)', async () => {
      const details = await refused('PUT', '/api/v1/stock', [{ jan: JAN, location: SHOP_B, onHand: 1 }], 422, 'unprocessable');
      expect(details).toEqual({ rows: [{ index: 0, jan: JAN, location: SHOP_B, reason: 'below-reserved', reserved: 2 }] });
    });

    it('the same row twice', async () => {
      const row = { jan: JAN, location: SHOP_A, onHand: 3 };
      const details = await refused('PUT', '/api/v1/stock', [row, row], 422, 'unprocessable');
      expect(details).toEqual({ rows: [{ index: 1, jan: JAN, location: SHOP_A, reason: 'duplicate-row' }] });
      await refused('PUT', '/api/v1/products', [{ jan: JAN, name: 'a', price: 1 }, { jan: JAN, name: 'b', price: 2 }], 422, 'unprocessable');
    });

    it('invalid fields: a bad check digit, negative counts, prices, empty and oversize feeds, not JSON', async () => {
      await refused('PUT', '/api/v1/products', [{ jan: BAD_JAN, name: 'x', price: 100 }], 422, 'unprocessable');
      await refused('PUT', '/api/v1/products', [{ jan: NEW_JAN, name: '', price: 100 }], 422, 'unprocessable');
      await refused('PUT', '/api/v1/products', [{ jan: NEW_JAN, name: 'x', price: -1 }], 422, 'unprocessable');
      await refused('PUT', '/api/v1/products', [], 422, 'unprocessable');
      await refused('PUT', '/api/v1/products', { jan: NEW_JAN, name: 'x', price: 1 }, 422, 'unprocessable');
      await refused('PUT', '/api/v1/stock', [{ jan: JAN, location: SHOP_A, onHand: -1 }], 422, 'unprocessable');
      await refused('PUT', '/api/v1/stock', [{ jan: JAN, location: SHOP_A, onHand: 1.5 }], 422, 'unprocessable');
      await refused('PUT', '/api/v1/stock', [{ jan: BAD_JAN, location: SHOP_A, onHand: 1 }], 422, 'unprocessable');
      const tooMany = Array.from({ length: 5001 }, (_, i) => ({ jan: JAN, location: SHOP_A, onHand: i }));
      await refused('PUT', '/api/v1/stock', tooMany, 422, 'unprocessable');
      await refused('PUT', '/api/v1/stock', '[{"jan":', 400, 'invalid-request');
    });

    it('availability of a bad or unknown JAN', async () => {
      await refused('GET', `/api/v1/products/${BAD_JAN}/availability`, undefined, 400, 'invalid-request');
      await refused('GET', `/api/v1/products/${withCheckDigit('490999999999')}/availability`, undefined, 404, 'not-found');
    });

    it('a request without a key', async () => {
      expectError(await h.call('PUT', '/api/v1/stock', [{ jan: JAN, location: SHOP_A, onHand: 1 }], {}), 401, 'unauthorized');
      expect(await snapshot()).toEqual(before);
    });
  });

  it('is listed in the OpenAPI document, saying the feeds are idempotent by nature', async () => {
    const doc = (await h.call('GET', '/api/v1/openapi.json')).body as { paths: Record<string, Record<string, { operationId: string; description?: string }>> };
    expect(doc.paths['/api/v1/products']?.put?.operationId).toBe('putProducts');
    expect(doc.paths['/api/v1/stock']?.put?.operationId).toBe('putStock');
    expect(doc.paths['/api/v1/locations']?.get?.operationId).toBe('listLocations');
    expect(doc.paths['/api/v1/products/{jan}/availability']?.get?.operationId).toBe('getAvailability');
    for (const path of ['/api/v1/products', '/api/v1/stock']) expect(doc.paths[path]?.put?.description).toMatch(/full state.*no idempotency key/s);
  });
});
