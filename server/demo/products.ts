import { withCheckDigit } from '../../src/domain/jan.ts';
import type { Product, Stock } from '../../src/protocol/documents.ts';
import { BASE_MS, DAY_MS, isoAt } from './clock.ts';
import { FREE_SIZE, SECOND_LINE, STYLE_TEMPLATES, type StyleTemplate } from './catalogue.ts';
import type { DemoLocation } from './locations.ts';
import { createRng, type Rng } from './random.ts';

/** A product document: variants of one style share `styleCode` (stock screens group them by size × colour). */
export type DemoProduct = Product;

export const DEMO_PRODUCT_COUNT = 500;

/**
 * Company prefixes of the makers the chain buys from (GS1 Japan style: 45/49
 * then a 7- or 9-digit company prefix, the rest is the maker's item number).
 */
const MAKERS = [
  { prefix: '4971234', start: 10_000 },
  { prefix: '4549876', start: 20_000 },
  { prefix: '458765432', start: 100 },
] as const;

export function generateProducts(seed: number, count: number = DEMO_PRODUCT_COUNT): DemoProduct[] {
  const rng = createRng(seed, 'products');
  const templates = shuffle(rng, STYLE_TEMPLATES);
  const nextItem = MAKERS.map((maker) => maker.start + rng.int(0, 99));
  const products: DemoProduct[] = [];

  for (let styleNo = 0; products.length < count; styleNo += 1) {
    const template = templates[styleNo % templates.length];
    if (!template) throw new Error('no product templates');
    const secondLine = styleNo >= templates.length;
    const name = secondLine ? `${SECOND_LINE.name}${template.name}` : template.name;
    const kana = secondLine ? `${SECOND_LINE.kana}${template.kana}` : template.kana;
    const basePrice = rng.pick(template.pricesYen);
    const priceYen = secondLine ? shelfPrice(basePrice * SECOND_LINE.priceFactor) : basePrice;
    const styleCode = `${template.code}-${String(1001 + styleNo)}`;
    const makerIndex = rng.int(0, MAKERS.length - 1);
    const maker = MAKERS[makerIndex] ?? MAKERS[0];
    // Variants of one style were registered together, so they share a timestamp.
    const updatedAt = isoAt(BASE_MS - rng.int(1, 90) * DAY_MS - rng.int(0, DAY_MS - 1));

    for (const colour of pickColours(rng, template)) {
      for (const size of template.sizes) {
        if (products.length >= count) break;
        const item = nextItem[makerIndex] ?? 0;
        nextItem[makerIndex] = item + 1;
        const itemDigits = 12 - maker.prefix.length;
        const jan = withCheckDigit(`${maker.prefix}${String(item).padStart(itemDigits, '0')}`);
        const suffix = size === FREE_SIZE ? colour : `${colour} ${size}`;
        products.push({
          id: jan,
          jan,
          name: `${name} ${suffix}`,
          nameKana: `${kana} ${suffix}`,
          priceYen,
          updatedAt,
          styleCode,
          styleName: name,
          size,
          colour,
        });
      }
    }
  }
  return products;
}

/** Stock for every product at every location: mostly a few units, some sold out, more in the EC warehouse. */
export function generateStock(seed: number, products: readonly DemoProduct[], locations: readonly DemoLocation[]): Stock[] {
  const rng = createRng(seed, 'stock');
  const stock: Stock[] = [];
  for (const product of products) {
    for (const location of locations) {
      const warehouse = location.kind === 'warehouse';
      const soldOut = rng.chance(warehouse ? 0.08 : 0.15);
      stock.push({
        id: `${product.jan}@${location.id}`,
        jan: product.jan,
        locationId: location.id,
        onHand: soldOut ? 0 : warehouse ? rng.int(1, 30) : Math.min(rng.int(1, 8) + rng.int(0, 4), 30),
        reserved: 0,
        updatedAt: isoAt(BASE_MS - rng.int(0, 7 * DAY_MS - 1)),
      });
    }
  }
  return stock;
}

/** A price a shelf label would show: the nearest thousand less ten (4485 → 3990, 29700 → 29990). */
function shelfPrice(yen: number): number {
  return Math.max(990, Math.round(yen / 1000) * 1000 - 10);
}

function pickColours(rng: Rng, template: StyleTemplate): string[] {
  const palette = shuffle(rng, [...new Set(template.colours)]);
  const wanted = template.sizes.length === 1 ? rng.int(2, 5) : rng.int(1, 4);
  return palette.slice(0, Math.min(wanted, palette.length));
}

function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
