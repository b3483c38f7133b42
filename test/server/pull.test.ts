import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Checkpoint, PullResponse } from '../../src/protocol/index.ts';
import { productSchema, stockSchema } from '../../src/protocol/index.ts';
import { withCheckDigit } from '../../src/domain/jan.ts';
import { openHarness, type Harness } from './helpers/harness.ts';
import { JANS } from './helpers/fixture.ts';
import { backendName } from './helpers/test-store.ts';

describe(`pull (${backendName})`, () => {
  let h: Harness;
  const extraJans = Array.from({ length: 22 }, (_, i) => withCheckDigit(`49111${String(i).padStart(7, '0')}`));

  beforeAll(async () => {
    h = await openHarness();
    for (const jan of extraJans) {
      await h.sql.query('insert into products (jan, name, price_yen) values ($1, $2, 100)', [jan, `追加${jan}`]);
    }
  });
  afterAll(async () => {
    await h.close();
  });

  const pullPage = async (collection: string, from: Checkpoint | null, limit: number): Promise<PullResponse> => {
    const query = from ? `seq=${from.seq}&id=${encodeURIComponent(from.id)}&limit=${limit}` : `limit=${limit}`;
    const res = await h.app.inject({ url: `/sync/v1/${collection}/pull?${query}`, headers: h.headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<PullResponse>();
  };

  const pullAll = async (collection: string, limit: number, from: Checkpoint | null = null) => {
    const ids: string[] = [];
    let checkpoint = from;
    let pages = 0;
    for (;;) {
      const page = await pullPage(collection, checkpoint, limit);
      pages += 1;
      ids.push(...page.documents.map((d) => String(d.id)));
      if (page.documents.length === 0) return { ids, checkpoint, pages };
      checkpoint = page.checkpoint;
    }
  };

  it('pages through a collection in (seq, id) order with no duplicates and no gaps', async () => {
    const { ids, pages } = await pullAll('products', 10);
    const { rows } = await h.sql.query<{ jan: string }>('select jan from products order by seq, jan');
    expect(ids).toEqual(rows.map((r) => r.jan));
    expect(ids).toHaveLength(JANS.length + extraJans.length);
    expect(pages).toBe(Math.ceil(ids.length / 10) + 1);
  });

  it('returns documents in exactly the protocol shape', async () => {
    const products = await pullPage('products', null, 3);
    for (const doc of products.documents) {
      const { _deleted, ...rest } = doc;
      expect(_deleted).toBe(false);
      expect(productSchema.strict().parse(rest)).toEqual(rest);
      expect(Object.keys(doc)).not.toContain('seq');
    }
    const stock = await pullPage('stock', null, 3);
    for (const { _deleted, ...rest } of stock.documents) {
      expect(_deleted).toBe(false);
      expect(stockSchema.strict().parse(rest)).toEqual(rest);
    }
  });

  it('keeps the checkpoint when nothing is newer, and is null only for an empty start', async () => {
    const { checkpoint } = await pullAll('products', 100);
    const again = await pullPage('products', checkpoint, 100);
    expect(again).toEqual({ documents: [], checkpoint });
    expect(await pullPage('point_entries', null, 10)).toEqual({ documents: [], checkpoint: null });
  });

  it('resumes from a checkpoint and sees a changed row again, after everything else', async () => {
    const first = await pullAll('products', 7);
    await h.sql.query('update products set price_yen = 999 where jan = $1', [JANS[0]]);
    await h.sql.query('insert into products (jan, name, price_yen) values ($1, $2, 1)', [withCheckDigit('491999999999'), '新商品']);
    const rest = await pullAll('products', 7, first.checkpoint);
    expect(rest.ids).toEqual([JANS[0], withCheckDigit('491999999999')]);
    const changed = await pullPage('products', first.checkpoint, 1);
    expect(changed.documents[0]).toMatchObject({ id: JANS[0], priceYen: 999 });
  });

  it('carries tombstones as documents with _deleted: true', async () => {
    const before = await pullAll('stock', 50);
    await h.sql.query('update stock set deleted = true where jan = $1 and location_id = $2', [JANS[1], 'shop-a']);
    const page = await pullPage('stock', before.checkpoint, 50);
    expect(page.documents).toEqual([expect.objectContaining({ id: `${JANS[1]}@shop-a`, _deleted: true })]);
  });

  it('refuses bad paging parameters with 400 invalid-request', async () => {
    for (const query of ['limit=0', 'limit=999999', 'seq=-1', 'seq=abc', 'limit=1.5']) {
      const res = await h.app.inject({ url: `/sync/v1/products/pull?${query}`, headers: h.headers });
      expect(res.statusCode, query).toBe(400);
      expect(res.json()).toMatchObject({ error: 'invalid-request' });
    }
  });
});
