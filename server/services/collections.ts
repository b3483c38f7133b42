import type { CollectionName, WireDocument } from '../../src/protocol/index.ts';
import type { Device } from './devices.ts';
import {
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
   * to the device's scope). Everything is visible for now. When this starts
   * filtering, pull must filter in SQL too, or a page of invisible rows would
   * come back empty and the tablet would stop pulling early.
   */
  visibleTo(device: Device, doc: AnyDocument): boolean;
}

const everyone = (): boolean => true;

export const SYNCED_TABLES: Record<CollectionName, SyncedTable> = {
  members: { table: 'members', idColumn: 'id', columns: MEMBER_COLUMNS, toDocument: memberDocument, visibleTo: everyone },
  point_entries: {
    table: 'point_entries',
    idColumn: 'id',
    columns: POINT_ENTRY_COLUMNS,
    toDocument: pointEntryDocument,
    visibleTo: everyone,
  },
  point_accounts: {
    table: 'point_accounts',
    idColumn: 'member_id',
    columns: POINT_ACCOUNT_COLUMNS,
    toDocument: pointAccountDocument,
    visibleTo: everyone,
  },
  products: { table: 'products', idColumn: 'jan', columns: PRODUCT_COLUMNS, toDocument: productDocument, visibleTo: everyone },
  stock: { table: 'stock', idColumn: 'id', columns: STOCK_COLUMNS, toDocument: stockDocument, visibleTo: everyone },
  stock_summaries: {
    table: 'stock_summaries',
    idColumn: 'jan',
    columns: STOCK_SUMMARY_COLUMNS,
    toDocument: stockSummaryDocument,
    visibleTo: everyone,
  },
  locations: { table: 'locations', idColumn: 'id', columns: LOCATION_COLUMNS, toDocument: locationDocument, visibleTo: everyone },
  orders: { table: 'orders', idColumn: 'id', columns: ORDER_COLUMNS, toDocument: orderDocument, visibleTo: everyone },
  // Not the `settings` key/value table: that one holds server-private values and never syncs.
  settings: { table: 'setting_documents', idColumn: 'id', columns: SETTINGS_COLUMNS, toDocument: settingsDocument, visibleTo: everyone },
};
