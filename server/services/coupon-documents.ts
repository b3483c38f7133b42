import type { ApiCoupon, Coupon, WireDocument } from '../../src/protocol/index.ts';
import type { Queryable } from '../store/sql.ts';
import { calendarDate, int, isoTime, text } from './rows.ts';

/** Issue 10: the synced collection `coupons` and the /api/v1 answer, both built from the stored row only. */
export const COUPON_COLUMNS =
  'id, member_id, kind, bonus_points, issued_for, issued_at, expires_on, redeemed_at, redeemed_channel, redeemed_ref, redeemed_shop_id, redemption_id, updated_at, deleted, seq';

const PREFIXED_COLUMNS = COUPON_COLUMNS.split(', ')
  .map((column) => `c.${column}`)
  .join(', ');

type Row = Record<string, unknown>;

export function couponDocument(row: Row): WireDocument<Coupon> {
  return {
    id: text(row.id),
    memberId: text(row.member_id),
    kind: text(row.kind) as Coupon['kind'],
    bonusPoints: int(row.bonus_points),
    issuedFor: text(row.issued_for),
    issuedAt: isoTime(row.issued_at),
    expiresOn: calendarDate(row.expires_on),
    redeemedAt: row.redeemed_at === null ? '' : isoTime(row.redeemed_at),
    redeemedChannel: text(row.redeemed_channel) as Coupon['redeemedChannel'],
    redeemedRef: text(row.redeemed_ref),
    redeemedShopId: text(row.redeemed_shop_id),
    redemptionId: row.redemption_id === null ? '' : text(row.redemption_id),
    updatedAt: isoTime(row.updated_at),
    _deleted: row.deleted === true,
  };
}

/** The API's shape: the member by number, no redemption key (it is the redeemer's own). */
export function apiCoupon(doc: Coupon, memberNo: string): ApiCoupon {
  return {
    id: doc.id,
    memberNo,
    kind: doc.kind,
    bonusPoints: doc.bonusPoints,
    issuedFor: doc.issuedFor,
    issuedAt: doc.issuedAt,
    expiresOn: doc.expiresOn,
    redeemedAt: doc.redeemedAt === '' ? null : doc.redeemedAt,
    redeemedChannel: doc.redeemedChannel,
    redeemedRef: doc.redeemedRef,
    redeemedShopId: doc.redeemedShopId,
  };
}

export async function findCoupons(tx: Queryable, ids: readonly string[]): Promise<WireDocument<Coupon>[]> {
  if (ids.length === 0) return [];
  const { rows } = await tx.query(`select ${COUPON_COLUMNS} from coupons where id = any($1::text[])`, [[...new Set(ids)]]);
  return rows.map(couponDocument);
}

/** A coupon with its member's number (the member it was issued to, even when merged into another). */
export async function findApiCoupon(tx: Queryable, id: string): Promise<{ doc: WireDocument<Coupon>; memberNo: string } | null> {
  const { rows } = await tx.query(
    `select ${PREFIXED_COLUMNS}, m.member_no
       from coupons c join members m on m.id = c.member_id where c.id = $1 and not c.deleted`,
    [id],
  );
  const row = rows[0];
  return row ? { doc: couponDocument(row), memberNo: text(row.member_no) } : null;
}

/** GET /api/v1/members/{memberNo}/coupons: every coupon of the member and of the records merged with it, newest first. */
export async function memberCoupons(tx: Queryable, memberIds: readonly string[]): Promise<ApiCoupon[]> {
  const { rows } = await tx.query(
    `select ${PREFIXED_COLUMNS}, m.member_no
       from coupons c join members m on m.id = c.member_id
      where c.member_id = any($1::text[]) and not c.deleted
      order by c.issued_at desc, c.id`,
    [[...memberIds]],
  );
  return rows.map((row) => apiCoupon(couponDocument(row), text(row.member_no)));
}
