import type { RxJsonSchema } from 'rxdb';
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
import { auditEventRxSchema, settingsRxSchema } from './security-schemas.ts';
import { locationRxSchema, orderRxSchema, stockSummaryRxSchema } from './stock-schemas.ts';
import { ID, JAN, TIME } from './schema-fields.ts';
import { pointAccountRxSchema, pointEntryRxSchema } from './point-schemas.ts';
import { timelineRxSchema } from './timeline-schema.ts';
import { couponRxSchema } from './coupon-schema.ts';

/**
 * RxDB schemas mirroring src/protocol/documents.ts field for field. The
 * `properties` type is keyed by the protocol type, so a field added to the
 * wire contract and forgotten here is a compile error.
 *
 * Rules RxDB and Dexie impose, and why the numbers below exist:
 * - the primary key and every indexed string need `maxLength` (RxDB builds
 *   fixed-width index strings from it);
 * - every indexed field must be `required` (Dexie cannot index optional
 *   fields: DXE1);
 * - `additionalProperties: false` so a server field we do not know yet is
 *   dropped by the pull modifier instead of silently stored.
 * Bump `version` and add a migration strategy (migrations.ts) when a schema
 * changes: tablets in shops already hold documents of the older version.
 */

export const memberRxSchema: RxJsonSchema<Member> = {
  title: 'members',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: ID,
    memberNo: { type: 'string', maxLength: 10 },
    name: { type: 'string', maxLength: 100 },
    nameKana: { type: 'string', maxLength: 100 },
    kanaKey: { type: 'string', maxLength: 200 },
    phone: { type: 'string', maxLength: 20 },
    email: { type: 'string', maxLength: 254 },
    homeShopId: { type: 'string', maxLength: 32 },
    consentTerms: { type: 'boolean' },
    consentMarketing: { type: 'boolean' },
    phoneVerified: { type: 'boolean' },
    emailVerified: { type: 'boolean' },
    lineUserId: { type: 'string', maxLength: 64 },
    mergedInto: { type: 'string', maxLength: 64 },
    paperCards: { type: 'array', items: { type: 'string', maxLength: 32 } },
    cardKeys: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          kid: { type: 'string', maxLength: 64 },
          x: { type: 'string', maxLength: 43 },
          y: { type: 'string', maxLength: 43 },
          createdAt: TIME,
        },
        required: ['kid', 'x', 'y', 'createdAt'],
      },
    },
    updatedAt: TIME,
  },
  required: [
    'id',
    'memberNo',
    'name',
    'nameKana',
    'kanaKey',
    'phone',
    'email',
    'homeShopId',
    'consentTerms',
    'consentMarketing',
    'phoneVerified',
    'emailVerified',
    'lineUserId',
    'mergedInto',
    'paperCards',
    'cardKeys',
    'updatedAt',
  ],
  // Counter lookups: scanned/typed member number, typed phone (E.164), e-mail,
  // kana prefix (range on the folded key); the records merged into a member
  // (名寄せ), whose history the counter shows under the survivor.
  indexes: ['memberNo', 'phone', 'email', 'kanaKey', 'mergedInto'],
};

export const productRxSchema: RxJsonSchema<Product> = {
  title: 'products',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: JAN,
    jan: JAN,
    name: { type: 'string', maxLength: 200 },
    nameKana: { type: 'string', maxLength: 200 },
    priceYen: { type: 'integer', minimum: 0 },
    styleCode: { type: 'string', maxLength: 32 },
    styleName: { type: 'string', maxLength: 200 },
    size: { type: 'string', maxLength: 16 },
    colour: { type: 'string', maxLength: 32 },
    updatedAt: TIME,
  },
  required: ['id', 'jan', 'name', 'nameKana', 'priceYen', 'styleCode', 'styleName', 'size', 'colour', 'updatedAt'],
  // The variants of one style, for the size × colour grid.
  indexes: ['styleCode'],
};

export const stockRxSchema: RxJsonSchema<Stock> = {
  title: 'stock',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: ID,
    jan: JAN,
    locationId: { type: 'string', maxLength: 32 },
    onHand: { type: 'integer', minimum: 0 },
    reserved: { type: 'integer', minimum: 0 },
    updatedAt: TIME,
  },
  required: ['id', 'jan', 'locationId', 'onHand', 'reserved', 'updatedAt'],
  // Stock of one product in every location.
  indexes: ['jan'],
};

export interface SchemaByCollection {
  members: RxJsonSchema<Member>;
  point_entries: RxJsonSchema<PointEntry>;
  point_accounts: RxJsonSchema<PointAccount>;
  products: RxJsonSchema<Product>;
  stock: RxJsonSchema<Stock>;
  stock_summaries: RxJsonSchema<StockSummary>;
  locations: RxJsonSchema<Location>;
  orders: RxJsonSchema<Order>;
  settings: RxJsonSchema<SettingsDoc>;
  audit_events: RxJsonSchema<AuditEvent>;
  timeline: RxJsonSchema<TimelineDoc>;
  coupons: RxJsonSchema<Coupon>;
}

export const SCHEMAS: SchemaByCollection = {
  members: memberRxSchema,
  point_entries: pointEntryRxSchema,
  point_accounts: pointAccountRxSchema,
  products: productRxSchema,
  stock: stockRxSchema,
  stock_summaries: stockSummaryRxSchema,
  locations: locationRxSchema,
  orders: orderRxSchema,
  settings: settingsRxSchema,
  audit_events: auditEventRxSchema,
  timeline: timelineRxSchema,
  coupons: couponRxSchema,
} satisfies Record<CollectionName, unknown>;

/** The top-level field names of a collection's documents (for stripping unknown wire fields). */
export function fieldsOf(name: CollectionName): readonly string[] {
  return Object.keys(SCHEMAS[name].properties);
}
