import type { PointEntryDraft, Stock } from '../../src/protocol/documents.ts';
import { DEMO_BASE_TIME } from './clock.ts';
import { generateHistory } from './history.ts';
import { DEMO_LOCATIONS, type DemoLocation } from './locations.ts';
import { generateMembers, type DemoDuplicatePair, type DemoMember } from './members.ts';
import { generateProducts, generateStock, type DemoProduct } from './products.ts';
import { generateTimeline, type DemoContact, type DemoPurchase } from './timeline.ts';

export type { DemoLocation } from './locations.ts';
export type { DemoDuplicatePair, DemoMember, DuplicateReason } from './members.ts';
export type { DemoProduct } from './products.ts';
export type { DemoContact, DemoPurchase } from './timeline.ts';
export { DEMO_BASE_TIME } from './clock.ts';
export { DEMO_DEVICE_ID } from './history.ts';
export { DEMO_PRODUCT_COUNT } from './products.ts';
export { FIRST_MEMBER_NO } from './members.ts';

export interface DemoDataOptions {
  /** How many member records, duplicates included. */
  members?: number;
  seed?: number;
}

/**
 * A demo chain, as documents of src/protocol/documents.ts plus the extra
 * fields later tests need (the raw legacy phone, product style/size/colour,
 * the duplicate pairs). Every timestamp is before DEMO_BASE_TIME.
 */
export interface DemoData {
  baseTime: string;
  locations: DemoLocation[];
  members: DemoMember[];
  /** Members registered twice, for 名寄せ tests: each pair shares a normalised phone or a kana reading. */
  duplicates: DemoDuplicatePair[];
  /** Sorted by createdAt, then id: the order they are posted in. */
  pointEntries: PointEntryDraft[];
  products: DemoProduct[];
  /** One row per product per location. */
  stock: Stock[];
  /** Receipts, EC orders and contacts of the first members of each shop (issue 9), each sorted by time. */
  purchases: DemoPurchase[];
  contacts: DemoContact[];
}

/**
 * Pure and deterministic: no I/O, no clock, no Math.random. The same options
 * give byte-identical JSON on every run. Each part draws from its own seeded
 * stream, so the products (and stock) are the same whatever the member count.
 */
export function generateDemoData({ members = 10_000, seed = 1 }: DemoDataOptions = {}): DemoData {
  if (!Number.isSafeInteger(members) || members < 0 || members > 7_999_999_999) {
    throw new RangeError(`members must be a whole number that fits 10-digit member numbers, got ${members}`);
  }
  const locations = DEMO_LOCATIONS.map((location) => ({ ...location }));
  const products = generateProducts(seed);
  const made = generateMembers(seed, members);
  const pointEntries = generateHistory(
    seed,
    made.members,
    made.registeredAtMs,
    products.map((product) => product.priceYen),
  );
  return {
    baseTime: DEMO_BASE_TIME,
    locations,
    members: made.members,
    duplicates: made.duplicates,
    pointEntries,
    products,
    stock: generateStock(seed, products, locations),
    ...generateTimeline(seed, made.members, products),
  };
}
