import { combineLatest, from, map, of, switchMap, type Observable } from 'rxjs';
import { foldKana } from '../domain/identity/kana.ts';
import { isValidJan } from '../domain/jan.ts';
import type { Location, Product, Stock, StockSummary } from '../protocol/index.ts';
import { getDatabase } from './database.ts';

/**
 * Reads of the catalogue and of stock everywhere, for the stock screen. Own
 * shop figures come from `stock` (full rows, onHand − reserved); every other
 * location from the compact `stock_summaries` (partial replication). Each
 * figure keeps its own updatedAt so the screen can say how old it is.
 */

/** A search shows a short list; the catalogue is a few hundred products. */
const MAX_RESULTS = 30;

export interface LocationAvailability {
  locationId: string;
  name: string;
  kind: Location['kind'];
  /** This tablet's shop. */
  own: boolean;
  available: number;
  /** '' when the location has never reported this product. */
  updatedAt: string;
}

export interface VariantCell {
  product: Product;
  availableHere: number;
  /** Some other location has at least one. */
  availableElsewhere: boolean;
}

function byJan(products: readonly Product[], query: string): Product[] {
  return products.filter((product) => product.jan === query);
}

/** Name contains (case-insensitive) or folded kana contains; prefix matches first. */
export function matchProducts(products: readonly Product[], query: string): Product[] {
  const trimmed = query.trim();
  if (trimmed === '') return [];
  if (/^\d{13}$/.test(trimmed)) return byJan(products, trimmed);
  const lower = trimmed.normalize('NFKC').toLowerCase();
  const kana = foldKana(trimmed);
  const scored: { product: Product; score: number }[] = [];
  for (const product of products) {
    const name = product.name.normalize('NFKC').toLowerCase();
    const nameKana = foldKana(product.nameKana);
    const prefix = name.startsWith(lower) || (kana !== '' && nameKana.startsWith(kana));
    const contains = prefix || name.includes(lower) || (kana !== '' && nameKana.includes(kana));
    if (contains) scored.push({ product, score: prefix ? 0 : 1 });
  }
  scored.sort((a, b) => a.score - b.score || a.product.name.localeCompare(b.product.name));
  return scored.slice(0, MAX_RESULTS).map((entry) => entry.product);
}

/** Products matching a typed name, kana or JAN. */
export async function searchProducts(query: string): Promise<Product[]> {
  const db = await getDatabase();
  const trimmed = query.trim();
  if (isValidJan(trimmed)) {
    const doc = await db.products.findOne(trimmed).exec();
    return doc ? [doc.toMutableJSON()] : [];
  }
  const docs = await db.products.find().exec();
  return matchProducts(docs.map((doc) => doc.toMutableJSON()), query);
}

export function observeProduct(jan: string): Observable<Product | null> {
  return from(getDatabase()).pipe(
    switchMap((db) => db.products.findOne(jan).$),
    map((doc) => (doc ? doc.toMutableJSON() : null)),
  );
}

function observeLocations(): Observable<Location[]> {
  return from(getDatabase()).pipe(
    switchMap((db) => db.locations.find().$),
    map((docs) => docs.map((doc) => doc.toMutableJSON())),
  );
}

/** Available here: own rows win over the summary (they are the detailed truth this shop holds). */
function ownAvailable(rows: readonly Stock[], jan: string, shopId: string): Stock | undefined {
  return rows.find((row) => row.jan === jan && row.locationId === shopId);
}

/** Every location's figure for one product: this shop first, then other shops, then warehouses. */
export function availabilityOf(
  jan: string,
  shopId: string,
  ownRows: readonly Stock[],
  summary: StockSummary | null,
  locations: readonly Location[],
): LocationAvailability[] {
  const own = ownAvailable(ownRows, jan, shopId);
  const rows = locations.map((location): LocationAvailability => {
    const summarised = summary?.locations.find((entry) => entry.locationId === location.id);
    const isOwn = location.id === shopId;
    const available = isOwn && own ? Math.max(0, own.onHand - own.reserved) : (summarised?.available ?? 0);
    const updatedAt = isOwn && own ? own.updatedAt : (summarised?.updatedAt ?? '');
    return { locationId: location.id, name: location.name, kind: location.kind, own: isOwn, available, updatedAt };
  });
  const rank = (row: LocationAvailability): number => (row.own ? 0 : row.kind === 'store' ? 1 : 2);
  return rows.sort((a, b) => rank(a) - rank(b) || a.locationId.localeCompare(b.locationId));
}

/** Live availability of one product at every location. */
export function observeAvailability(jan: string, shopId: string): Observable<LocationAvailability[]> {
  return from(getDatabase()).pipe(
    switchMap((db) =>
      combineLatest([
        db.stock.find({ selector: { jan, locationId: shopId } }).$,
        db.stock_summaries.findOne(jan).$,
        observeLocations(),
      ]),
    ),
    map(([rows, summary, locations]) =>
      availabilityOf(
        jan,
        shopId,
        rows.map((doc) => doc.toMutableJSON()),
        summary ? summary.toMutableJSON() : null,
        locations,
      ),
    ),
  );
}

/** The variants of a style with what each has here and whether it exists elsewhere; a product without a style is its own grid. */
export function observeVariants(product: Product, shopId: string): Observable<VariantCell[]> {
  return from(getDatabase()).pipe(
    switchMap((db) => {
      const products$ =
        product.styleCode === ''
          ? of([product])
          : db.products.find({ selector: { styleCode: product.styleCode } }).$.pipe(map((docs) => docs.map((doc) => doc.toMutableJSON())));
      return products$.pipe(
        switchMap((variants) => {
          const jans = variants.map((variant) => variant.jan);
          return combineLatest([
            of(variants),
            db.stock.find({ selector: { jan: { $in: jans }, locationId: shopId } }).$,
            db.stock_summaries.findByIds(jans).$,
          ]);
        }),
      );
    }),
    map(([variants, rows, summaries]) => {
      const ownRows = rows.map((doc) => doc.toMutableJSON());
      return variants.map((variant): VariantCell => {
        const summary = summaries.get(variant.jan);
        const own = ownAvailable(ownRows, variant.jan, shopId);
        const summarisedHere = summary?.locations.find((entry) => entry.locationId === shopId)?.available ?? 0;
        const availableHere = own ? Math.max(0, own.onHand - own.reserved) : summarisedHere;
        const availableElsewhere = summary?.locations.some((entry) => entry.locationId !== shopId && entry.available > 0) ?? false;
        return { product: variant, availableHere, availableElsewhere };
      });
    }),
  );
}

/** Location names by id, for messages about orders (refused at X, available at Y). */
export function observeLocationNames(): Observable<ReadonlyMap<string, string>> {
  return observeLocations().pipe(map((locations) => new Map(locations.map((location) => [location.id, location.name]))));
}
