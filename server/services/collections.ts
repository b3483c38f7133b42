import type { CollectionName, Coupon, Order, PointAccount, PointEntry, SettingsDoc, Stock, TimelineDoc, WireDocument } from '../../src/protocol/index.ts';
import type { Queryable } from '../store/sql.ts';
import type { Device } from './devices.ts';
import {
  AUDIT_EVENT_COLUMNS,
  auditEventDocument,
  LOCATION_COLUMNS,
  locationDocument,
  MEMBER_COLUMNS,
  memberDocument,
  ORDER_COLUMNS,
  orderDocument,
  POINT_ACCOUNT_COLUMNS,
  POINT_ENTRY_COLUMNS,
  pointAccountDocument,
  pointEntryDocument,
  PRODUCT_COLUMNS,
  productDocument,
  SETTINGS_COLUMNS,
  settingsDocument,
  STOCK_COLUMNS,
  STOCK_SUMMARY_COLUMNS,
  stockDocument,
  stockSummaryDocument,
} from './documents.ts';
import { COUPON_COLUMNS, couponDocument } from './coupon-documents.ts';
import { memberInShopSql, shopsOfMembers, type ShopsByMember } from './member-presence.ts';
import { TIMELINE_COLUMNS, timelineDocument } from './timeline-documents.ts';

export type AnyDocument = WireDocument<{ id: string }>;

/** Where a synced collection lives and how its rows become documents. */
export interface SyncedTable {
  table: string;
  /** The column whose value is the document id; pull orders by (seq, idColumn). */
  idColumn: string;
  /** Select list; must include `seq`. */
  columns: string;
  toDocument(row: Record<string, unknown>): AnyDocument;
  /**
   * Whether a device may see a document (DESIGN.md: pull and stream are filtered
   * to the device's scope). The stream filters each batch with it. `scope` is
   * what `loadScope` read for the batch, when the table has one.
   */
  visibleTo(device: Device, doc: AnyDocument, scope?: BatchScope): boolean;
  /**
   * For a rule that depends on other rows (where a member was seen): reads what
   * `visibleTo` needs for a whole batch in one query, which the stream hub then
   * shares between every connected tablet. Absent: `visibleTo` needs nothing.
   */
  loadScope?: (sql: Queryable, documents: readonly AnyDocument[]) => Promise<BatchScope>;
  /**
   * The same rule as `visibleTo`, as a SQL condition over the table's columns,
   * for pull: filtering a page after reading it would return a page of
   * invisible rows as an empty page, and the tablet would stop pulling early.
   * `bind` adds a parameter and returns its placeholder. Absent: everything.
   */
  scope?: (device: Device, bind: (value: unknown) => string) => string;
}

/** Per batch, for each member id: the shops whose tablets may see it (services/member-presence.ts). */
export type BatchScope = ShopsByMember;

const everyone = (): boolean => true;

/**
 * Members, their accounts and their entries reach the tablets of the member's
 * home shop and of the shops that saw them within the device policy's window
 * (issue 6: a lost tablet leaks one shop's regulars, not the chain).
 * `memberIdOf` reads the member id of a document; `memberColumn` is its column.
 */
function memberScoped(memberIdOf: (doc: AnyDocument) => string, memberColumn: string, homeShopColumn?: string) {
  return {
    visibleTo: (device: Device, doc: AnyDocument, scope?: BatchScope): boolean => scope?.get(memberIdOf(doc))?.has(device.shopId) === true,
    loadScope: (sql: Queryable, documents: readonly AnyDocument[]): Promise<BatchScope> => shopsOfMembers(sql, documents.map(memberIdOf)),
    scope: (device: Device, bind: (value: unknown) => string): string => memberInShopSql(bind(device.shopId), memberColumn, homeShopColumn),
  };
}
const scopedMembers = memberScoped((doc) => doc.id, 'members.id', 'members.home_shop_id');
const scopedAccounts = memberScoped((doc) => (doc as Partial<PointAccount>).memberId ?? '', 'point_accounts.member_id');
const scopedEntries = memberScoped((doc) => (doc as Partial<PointEntry>).memberId ?? '', 'point_entries.member_id');
const scopedCoupons = memberScoped((doc) => (doc as Partial<Coupon>).memberId ?? '', 'coupons.member_id');
const scopedTimeline = memberScoped((doc) => (doc as Partial<TimelineDoc>).memberId ?? '', 'timeline_items.member_id');

/** A tablet holds the full stock rows of its own shop only; other locations reach it as stock_summaries. */
const ownShopStock = {
  visibleTo: (device: Device, doc: AnyDocument): boolean => (doc as Partial<Stock>).locationId === device.shopId,
  scope: (device: Device, bind: (value: unknown) => string): string => `location_id = ${bind(device.shopId)}`,
};

/** A tablet sees the orders its shop took and the orders its shop must fill (goods leave from it). */
const shopOrders = {
  visibleTo: (device: Device, doc: AnyDocument): boolean => {
    const order = doc as Partial<Order>;
    return order.shopId === device.shopId || order.fromLocation === device.shopId;
  },
  scope: (device: Device, bind: (value: unknown) => string): string => {
    const shop = bind(device.shopId);
    return `(shop_id = ${shop} or from_location = ${shop})`;
  },
};

/**
 * Settings documents for everyone (the policies, hq staff) and a shop's own
 * staff: a tablet never holds the PIN hashes of another shop's staff.
 */
const settingsForShop = {
  visibleTo: (device: Device, doc: AnyDocument): boolean => {
    const staff = (doc as Partial<SettingsDoc>).staff;
    return !staff || staff.shopId === null || staff.shopId === device.shopId;
  },
  scope: (device: Device, bind: (value: unknown) => string): string => `(shop_id is null or shop_id = ${bind(device.shopId)})`,
};

/** The audit log is pushed by tablets and read by HQ through /api/v1; no tablet pulls it. */
const nobody = {
  visibleTo: (): boolean => false,
  scope: (): string => 'false',
};

export const SYNCED_TABLES: Record<CollectionName, SyncedTable> = {
  members: { table: 'members', idColumn: 'id', columns: MEMBER_COLUMNS, toDocument: memberDocument, ...scopedMembers },
  point_entries: {
    table: 'point_entries',
    idColumn: 'id',
    columns: POINT_ENTRY_COLUMNS,
    toDocument: pointEntryDocument,
    ...scopedEntries,
  },
  point_accounts: {
    table: 'point_accounts',
    idColumn: 'member_id',
    columns: POINT_ACCOUNT_COLUMNS,
    toDocument: pointAccountDocument,
    ...scopedAccounts,
  },
  products: { table: 'products', idColumn: 'jan', columns: PRODUCT_COLUMNS, toDocument: productDocument, visibleTo: everyone },
  stock: { table: 'stock', idColumn: 'id', columns: STOCK_COLUMNS, toDocument: stockDocument, ...ownShopStock },
  stock_summaries: {
    table: 'stock_summaries',
    idColumn: 'jan',
    columns: STOCK_SUMMARY_COLUMNS,
    toDocument: stockSummaryDocument,
    visibleTo: everyone,
  },
  locations: { table: 'locations', idColumn: 'id', columns: LOCATION_COLUMNS, toDocument: locationDocument, visibleTo: everyone },
  orders: { table: 'orders', idColumn: 'id', columns: ORDER_COLUMNS, toDocument: orderDocument, ...shopOrders },
  // Not the `settings` key/value table: that one holds server-private values and never syncs.
  settings: { table: 'setting_documents', idColumn: 'id', columns: SETTINGS_COLUMNS, toDocument: settingsDocument, ...settingsForShop },
  // A view over purchases and contacts (migration 0017), scoped like the member's point entries.
  timeline: { table: 'timeline_items', idColumn: 'id', columns: TIMELINE_COLUMNS, toDocument: timelineDocument, ...scopedTimeline },
  // Issue 10: a member's coupons reach the shops that hold the member, as their points do.
  coupons: { table: 'coupons', idColumn: 'id', columns: COUPON_COLUMNS, toDocument: couponDocument, ...scopedCoupons },
  audit_events: { table: 'audit_events', idColumn: 'id', columns: AUDIT_EVENT_COLUMNS, toDocument: auditEventDocument, ...nobody },
};
