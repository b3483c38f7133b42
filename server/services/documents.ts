import type { AuditEvent, Location, Member, Order, PointAccount, PointEntry, Product, SettingsDoc, Stock, StockSummary, WireDocument } from '../../src/protocol/index.ts';
import { foldKana } from '../../src/domain/identity/kana.ts';
import { calendarDate, int, isoTime, jsonValue, text, textArray } from './rows.ts';

/**
 * The select list and row → wire document mapping of each synced table. The
 * documents are exactly the shapes of src/protocol/documents.ts; `seq` is read
 * alongside for checkpoints but never put inside a document.
 */
type Row = Record<string, unknown>;

export const MEMBER_COLUMNS = `id, member_no, name, name_kana, phone, email, home_shop_id, consent_terms,
  consent_marketing, phone_verified, email_verified, line_user_id, merged_into, paper_cards, card_keys,
  updated_at, deleted, seq`;

export function memberDocument(row: Row): WireDocument<Member> {
  const nameKana = text(row.name_kana);
  return {
    id: text(row.id),
    memberNo: text(row.member_no),
    name: text(row.name),
    nameKana,
    kanaKey: foldKana(nameKana),
    phone: text(row.phone),
    email: text(row.email),
    homeShopId: text(row.home_shop_id),
    consentTerms: row.consent_terms === true,
    consentMarketing: row.consent_marketing === true,
    phoneVerified: row.phone_verified === true,
    emailVerified: row.email_verified === true,
    lineUserId: text(row.line_user_id),
    mergedInto: typeof row.merged_into === 'string' ? row.merged_into : '',
    paperCards: textArray(row.paper_cards),
    cardKeys: jsonValue(row.card_keys) as Member['cardKeys'],
    updatedAt: isoTime(row.updated_at),
    _deleted: row.deleted === true,
  };
}

// expires_on as text: drivers turn a `date` into a Date at local midnight, which shifts the day outside UTC.
export const POINT_ENTRY_COLUMNS = `id, member_id, type, points, amount_yen, channel, shop_id, device_id, staff_id, ref,
  line, reverses, reverses_type, direction, to_char(expires_on, 'YYYY-MM-DD') as expires_on, lot_id, rule, campaign_id,
  offline, created_at, posting_no, posted_at, at, flags, repaid, deleted, seq`;

/** Optional document fields are absent, not null, when the column is null (exactOptionalPropertyTypes, zod `.optional()`). */
function optional<K extends string, V>(key: K, value: V | null | undefined): Partial<Record<K, V>> {
  return value === null || value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

export function pointEntryDocument(row: Row): WireDocument<PointEntry> {
  const flags = textArray(row.flags) as NonNullable<PointEntry['flags']>;
  return {
    id: text(row.id),
    memberId: text(row.member_id),
    type: text(row.type) as PointEntry['type'],
    points: int(row.points),
    amountYen: int(row.amount_yen),
    channel: text(row.channel) as PointEntry['channel'],
    shopId: text(row.shop_id),
    deviceId: text(row.device_id),
    staffId: text(row.staff_id),
    ref: text(row.ref),
    ...optional('line', row.line as string | null),
    ...optional('reverses', row.reverses as string | null),
    ...optional('reversesType', row.reverses_type as PointEntry['reversesType'] | null),
    ...optional('direction', row.direction as PointEntry['direction'] | null),
    ...optional('expiresOn', row.expires_on === null ? null : calendarDate(row.expires_on)),
    ...optional('lotId', row.lot_id as string | null),
    ...optional('rule', row.rule as string | null),
    ...optional('campaignId', row.campaign_id as string | null),
    ...optional('offline', row.offline as boolean | null),
    createdAt: isoTime(row.created_at),
    postingNo: int(row.posting_no),
    postedAt: isoTime(row.posted_at),
    at: isoTime(row.at),
    ...(flags.length > 0 ? { flags } : {}),
    ...optional('repaid', row.repaid === null ? null : int(row.repaid)),
    _deleted: row.deleted === true,
  };
}

export const POINT_ACCOUNT_COLUMNS =
  'member_id, balance, available, debt, lots, rank, flagged_entry_ids, posted_through, updated_at, deleted, seq';

export function pointAccountDocument(row: Row): WireDocument<PointAccount> {
  const memberId = text(row.member_id);
  return {
    id: memberId,
    memberId,
    balance: int(row.balance),
    available: int(row.available),
    debt: int(row.debt),
    // jsonb reorders keys; rebuilt in the schema's order so stored and computed lots compare equal.
    lots: (jsonValue(row.lots) as PointAccount['lots']).map(({ expiresOn, points }) => ({ expiresOn, points })),
    rank: text(row.rank),
    flaggedEntryIds: textArray(row.flagged_entry_ids),
    postedThrough: int(row.posted_through),
    updatedAt: isoTime(row.updated_at),
    _deleted: row.deleted === true,
  };
}

export const SETTINGS_COLUMNS = 'id, body, updated_at, deleted, seq';

/** A settings document: its stored fields, then id and updatedAt (which the body cannot override). */
export function settingsDocument(row: Row): WireDocument<SettingsDoc> {
  const body = jsonValue(row.body) as Omit<SettingsDoc, 'id' | 'updatedAt'>;
  return { ...body, id: text(row.id), updatedAt: isoTime(row.updated_at), _deleted: row.deleted === true };
}

export const PRODUCT_COLUMNS = 'jan, name, name_kana, price_yen, style_code, style_name, size, colour, updated_at, deleted, seq';

export function productDocument(row: Row): WireDocument<Product> {
  const jan = text(row.jan);
  return {
    id: jan,
    jan,
    name: text(row.name),
    nameKana: text(row.name_kana),
    priceYen: int(row.price_yen),
    styleCode: text(row.style_code),
    styleName: text(row.style_name),
    size: text(row.size),
    colour: text(row.colour),
    updatedAt: isoTime(row.updated_at),
    _deleted: row.deleted === true,
  };
}

export const LOCATION_COLUMNS = 'id, kind, name, updated_at, deleted, seq';

export function locationDocument(row: Row): WireDocument<Location> {
  return {
    id: text(row.id),
    kind: text(row.kind) as Location['kind'],
    name: text(row.name),
    updatedAt: isoTime(row.updated_at),
    _deleted: row.deleted === true,
  };
}

export const STOCK_SUMMARY_COLUMNS = 'jan, locations, updated_at, deleted, seq';

export function stockSummaryDocument(row: Row): WireDocument<StockSummary> {
  const jan = text(row.jan);
  return {
    id: jan,
    jan,
    locations: jsonValue(row.locations) as StockSummary['locations'],
    updatedAt: isoTime(row.updated_at),
    _deleted: row.deleted === true,
  };
}

export const ORDER_COLUMNS = `id, jan, quantity, from_location, shop_id, fulfilment, member_id, status, reason, alternatives,
  channel, device_id, staff_id, offline, created_at, updated_at, deleted, seq`;

export function orderDocument(row: Row): WireDocument<Order> {
  return {
    id: text(row.id),
    jan: text(row.jan),
    quantity: int(row.quantity),
    fromLocation: text(row.from_location),
    shopId: text(row.shop_id),
    fulfilment: text(row.fulfilment) as Order['fulfilment'],
    memberId: typeof row.member_id === 'string' ? row.member_id : '',
    status: text(row.status) as Order['status'],
    reason: text(row.reason),
    alternatives: jsonValue(row.alternatives) as Order['alternatives'],
    channel: text(row.channel) as Order['channel'],
    deviceId: text(row.device_id),
    staffId: text(row.staff_id),
    offline: row.offline === true,
    createdAt: isoTime(row.created_at),
    updatedAt: isoTime(row.updated_at),
    _deleted: row.deleted === true,
  };
}

export const STOCK_COLUMNS = 'id, jan, location_id, on_hand, reserved, updated_at, deleted, seq';

export function stockDocument(row: Row): WireDocument<Stock> {
  return {
    id: text(row.id),
    jan: text(row.jan),
    locationId: text(row.location_id),
    onHand: int(row.on_hand),
    reserved: int(row.reserved),
    updatedAt: isoTime(row.updated_at),
    _deleted: row.deleted === true,
  };
}

/** The document without the wire-only tombstone flag (for /api/v1 answers). */
export function withoutTombstone<T extends object>(doc: WireDocument<T>): T {
  const copy: Partial<WireDocument<T>> = { ...doc };
  delete copy._deleted;
  return copy as T;
}

export const AUDIT_EVENT_COLUMNS = 'id, action, at, staff_id, device_id, shop_id, member_id, approved_by, detail, seq';

/** An audit event as HQ's search returns it (tablets never pull them). */
export function auditEventDocument(row: Row): WireDocument<AuditEvent> {
  const nullableText = (value: unknown): string | null => (typeof value === 'string' ? value : null);
  return {
    id: text(row.id),
    action: text(row.action) as AuditEvent['action'],
    at: isoTime(row.at),
    staffId: nullableText(row.staff_id),
    deviceId: nullableText(row.device_id),
    shopId: nullableText(row.shop_id),
    memberId: nullableText(row.member_id),
    approvedBy: nullableText(row.approved_by),
    detail: jsonValue(row.detail) as AuditEvent['detail'],
    _deleted: false,
  };
}
