import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/app/i18n/en.ts';
import { ja } from '../../src/app/i18n/ja.ts';
import { allowedFulfilments } from '../../src/db/orders.ts';
import { availabilityOf, matchProducts } from '../../src/db/stock.ts';
import { orderStatusText } from '../../src/features/stock/order-text.ts';
import type { Location, Order, Product, StockSummary } from '../../src/protocol/index.ts';

/** The stock screen's reads and messages on plain data: search, per-location figures, order status text. */

const AT = '2026-11-01T10:00:00.000Z';

function product(jan: string, name: string, nameKana: string, size = '', colour = ''): Product {
  return { id: jan, jan, name, nameKana, priceYen: 1990, styleCode: size ? 'SN-1' : '', styleName: name, size, colour, updatedAt: AT };
}

const CATALOGUE = [
  product('4900000000017', 'ランニングスニーカー 25.0cm ブルー', 'ランニングスニーカー', '25.0cm', 'ブルー'),
  product('4900000000024', 'キャンバススニーカー', 'キャンバススニーカー'),
  product('4900000000031', 'Oxford Shirt', 'オックスフォードシャツ'),
];

const LOCATIONS: Location[] = [
  { id: 'ec-warehouse', kind: 'warehouse', name: 'EC倉庫', updatedAt: AT },
  { id: 'shop-umeda', kind: 'store', name: '梅田店', updatedAt: AT },
  { id: 'shop-shibuya', kind: 'store', name: '渋谷店', updatedAt: AT },
];

describe('product search', () => {
  it('finds by folded kana (hiragana, half-width), by name case-insensitively, and by exact JAN; prefix matches first', () => {
    expect(matchProducts(CATALOGUE, 'すにーかー').map((p) => p.jan)).toEqual(['4900000000024', '4900000000017']);
    expect(matchProducts(CATALOGUE, 'ｷｬﾝﾊﾞｽ').map((p) => p.jan)).toEqual(['4900000000024']);
    expect(matchProducts(CATALOGUE, 'oxford').map((p) => p.jan)).toEqual(['4900000000031']);
    expect(matchProducts(CATALOGUE, '4900000000031').map((p) => p.jan)).toEqual(['4900000000031']);
    expect(matchProducts(CATALOGUE, '   ')).toEqual([]);
  });
});

describe('availability per location', () => {
  const summary: StockSummary = {
    id: '4900000000017',
    jan: '4900000000017',
    locations: [
      { locationId: 'ec-warehouse', available: 7, updatedAt: AT },
      { locationId: 'shop-shibuya', available: 9, updatedAt: AT },
      { locationId: 'shop-umeda', available: 1, updatedAt: '2026-11-01T09:58:00.000Z' },
    ],
    updatedAt: AT,
  };

  it('takes this shop from its own stock row (onHand − reserved) and the others from the summary: own shop, shops, warehouse', () => {
    const own = { id: '4900000000017@shop-shibuya', jan: '4900000000017', locationId: 'shop-shibuya', onHand: 5, reserved: 2, updatedAt: '2026-11-01T10:01:00.000Z' };
    const rows = availabilityOf('4900000000017', 'shop-shibuya', [own], summary, LOCATIONS);
    expect(rows.map((r) => [r.locationId, r.available, r.own, r.updatedAt])).toEqual([
      ['shop-shibuya', 3, true, '2026-11-01T10:01:00.000Z'],
      ['shop-umeda', 1, false, '2026-11-01T09:58:00.000Z'],
      ['ec-warehouse', 7, false, AT],
    ]);
  });

  it('shows a location that never reported the product as none, with no age', () => {
    const rows = availabilityOf('4900000000017', 'shop-shibuya', [], null, LOCATIONS);
    expect(rows.every((r) => r.available === 0 && r.updatedAt === '')).toBe(true);
  });

  it('lets the warehouse ship only', () => {
    expect(allowedFulfilments('warehouse')).toEqual(['ship']);
    expect(allowedFulfilments('store')).toEqual(['pickup', 'ship']);
  });
});

describe('order status text', () => {
  const names = new Map(LOCATIONS.map((l) => [l.id, l.name]));
  const base: Order = {
    id: 'order-0001',
    jan: '4900000000017',
    quantity: 1,
    fromLocation: 'shop-umeda',
    shopId: 'shop-tenjin',
    fulfilment: 'ship',
    memberId: '',
    status: 'refused',
    reason: 'out-of-stock',
    alternatives: [
      { locationId: 'ec-warehouse', available: 3 },
      { locationId: 'shop-shibuya', available: 0 },
    ],
    channel: 'store',
    deviceId: 'd1',
    staffId: '',
    offline: true,
    createdAt: AT,
    updatedAt: AT,
  };

  async function translator(language: 'ja' | 'en') {
    const instance = i18next.createInstance();
    await instance.init({ lng: language, resources: { ja: { translation: ja }, en: { translation: en } }, interpolation: { escapeValue: false } });
    return instance.t;
  }

  it('tells the clerk where it sold out and where it still is (only locations that have it)', async () => {
    const t = await translator('ja');
    expect(orderStatusText(t, base, names)).toBe('梅田店 で売り切れました。EC倉庫(3点) に在庫があります。');
    expect(orderStatusText(t, { ...base, alternatives: [] }, names)).toBe('梅田店 で売り切れました。他の拠点にも在庫がありません。');
    const en = await translator('en');
    expect(orderStatusText(en, base, names)).toBe('Sold out at 梅田店. Available at EC倉庫 (3).');
  });

  it('says a pending order made offline will be sent when the connection is back', async () => {
    const t = await translator('ja');
    expect(orderStatusText(t, { ...base, status: 'pending', reason: '', alternatives: [] }, names)).toContain('接続が戻ると送信します');
    expect(orderStatusText(t, { ...base, status: 'confirmed', reason: '', alternatives: [] }, names)).toBe('確定');
  });
});
