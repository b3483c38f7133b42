import { addRxPlugin, createRxDatabase } from 'rxdb';
import type { RxCollection, RxDatabase, RxStorage } from 'rxdb';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import type {
  AuditEvent,
  CollectionName,
  Location,
  Member,
  Order,
  PointAccount,
  PointEntry,
  Product,
  SettingsDoc,
  Stock,
  StockSummary,
  TimelineDoc,
  Coupon,
} from '../protocol/index.ts';
import { MEMBER_MIGRATIONS, POINT_ACCOUNT_MIGRATIONS, POINT_ENTRY_MIGRATIONS, PRODUCT_MIGRATIONS, SETTINGS_MIGRATIONS } from './migrations.ts';
import { SCHEMAS } from './schemas.ts';
import { createStorage } from './storage.ts';
import { watchStorage } from './storage-health.ts';
import { expectStorageClosing, recoverFromLostStorage } from './storage-recovery.ts';

export interface TenpoCollections {
  members: RxCollection<Member>;
  point_entries: RxCollection<PointEntry>;
  point_accounts: RxCollection<PointAccount>;
  products: RxCollection<Product>;
  stock: RxCollection<Stock>;
  stock_summaries: RxCollection<StockSummary>;
  locations: RxCollection<Location>;
  orders: RxCollection<Order>;
  /** Server-owned, pulled only: the points policy (see policy.ts). */
  settings: RxCollection<SettingsDoc>;
  /** Push-only (issue 6): who looked up whom, who approved what. */
  audit_events: RxCollection<AuditEvent>;
  /**
   * Issue 9: purchases and contacts of the members this tablet holds, within
   * the device policy's timelineWindowDays; the tablet writes shop notes only.
   * The 11th collection (DESIGN.md asked for at most 10): the app still opens
   * fewer than RxDB's 13 (COL23).
   */
  timeline: RxCollection<TimelineDoc>;
  /**
   * Issue 10: the coupons of the members this tablet holds; the tablet writes
   * a use at the counter only. The 12th collection: still under RxDB's 13 (COL23).
   */
  coupons: RxCollection<Coupon>;
}

export type TenpoDatabase = RxDatabase<TenpoCollections>;

export const DATABASE_NAME = 'tenpo';

addRxPlugin(RxDBLocalDocumentsPlugin);
// Schema versions move on while tablets hold older documents (migrations.ts).
addRxPlugin(RxDBMigrationSchemaPlugin);

export interface OpenDatabaseOptions {
  name?: string;
  /** Tests pass memory storage; the app uses Dexie (see storage.ts). */
  storage?: RxStorage<unknown, unknown>;
  /**
   * Tests only: open just these collections. RxDB's free build counts open
   * collections per process (COL23 above 13), and a test that runs two tablets
   * in one process needs fewer than all of them each.
   */
  collections?: readonly CollectionName[];
}

/**
 * Opens a Tenpo database. The app calls getDatabase() instead; tests call this
 * with a unique name and close it afterwards (RxDB's free build allows 13 open
 * collections per page: COL23).
 */
export async function openTenpoDatabase(options: OpenDatabaseOptions = {}): Promise<TenpoDatabase> {
  const db = await createRxDatabase<TenpoCollections>({
    name: options.name ?? DATABASE_NAME,
    // The app's own storage is watched for a lost connection (storage-recovery.ts); tests pass theirs unwatched.
    storage: options.storage ?? watchStorage(await createStorage(), recoverFromLostStorage),
    // A shop tablet runs the PWA in one window. multiInstance would add leader
    // election (replication only in the leading tab) and a BroadcastChannel for
    // cross-tab events, for a case we do not support.
    multiInstance: false,
    // The enrolment (device id, token, shop) lives in a local document of this
    // same database so it is wiped together with the data it signs: a tablet
    // can never push entries written under one enrolment with another's token.
    localDocuments: true,
  });
  const all = {
    members: { schema: SCHEMAS.members, migrationStrategies: MEMBER_MIGRATIONS },
    point_entries: { schema: SCHEMAS.point_entries, migrationStrategies: POINT_ENTRY_MIGRATIONS },
    point_accounts: { schema: SCHEMAS.point_accounts, migrationStrategies: POINT_ACCOUNT_MIGRATIONS },
    products: { schema: SCHEMAS.products, migrationStrategies: PRODUCT_MIGRATIONS },
    stock: { schema: SCHEMAS.stock },
    stock_summaries: { schema: SCHEMAS.stock_summaries },
    locations: { schema: SCHEMAS.locations },
    orders: { schema: SCHEMAS.orders },
    settings: { schema: SCHEMAS.settings, migrationStrategies: SETTINGS_MIGRATIONS },
    audit_events: { schema: SCHEMAS.audit_events },
    timeline: { schema: SCHEMAS.timeline },
    coupons: { schema: SCHEMAS.coupons },
  } satisfies Record<CollectionName, unknown>;
  const wanted = options.collections;
  await db.addCollections(wanted ? Object.fromEntries(wanted.map((name) => [name, all[name]])) : all);
  return db;
}

let databasePromise: Promise<TenpoDatabase> | null = null;

/**
 * The page's one database. A module-level promise, not React state: StrictMode
 * mounts twice, and a second createRxDatabase with the same name throws (and
 * would count its collections again towards COL23). A failed open is forgotten
 * so the next call can retry (e.g. after the clerk frees storage).
 */
export function getDatabase(): Promise<TenpoDatabase> {
  databasePromise ??= openTenpoDatabase().catch((error: unknown) => {
    databasePromise = null;
    throw error;
  });
  return databasePromise;
}

/**
 * Removes the whole local database (data, replication checkpoints, enrolment).
 * The caller reloads the page afterwards: every module holding the old
 * instance (replications, hooks) goes away with it.
 */
export async function removeDatabase(): Promise<void> {
  const db = await getDatabase();
  // Queries still running hit the closing storage; that is no reason to reload (or to tell the clerk).
  expectStorageClosing();
  await db.remove();
  databasePromise = null;
}
