import type { Coupon, CouponKind, WireDocument } from '../../src/protocol/index.ts';
import { COUPON_VALID_DAYS } from '../../src/protocol/index.ts';
import type { Queryable } from '../store/sql.ts';
import { COUPON_COLUMNS, couponDocument } from './coupon-documents.ts';
import { postEntries } from './ledger.ts';
import type { WriteContext } from './write-transaction.ts';

/**
 * Issue 10: issuing and redeeming coupons. Both run inside the caller's write
 * transaction (the sync write lock), which is what makes "once" hold across
 * channels: the EC site's redeem and a tablet's push are serialised, and the
 * second finds the coupon used.
 */

export interface CouponIssue {
  /** The coupon id (a fresh UUID, or the sender's idempotency key). */
  id: string;
  memberId: string;
  kind: CouponKind;
  bonusPoints: number;
  /** `purchase:<id>` / `cart:<ref>`: a second issue for the same event is a no-op. */
  issuedFor: string;
  /** When the event happened: an event older than the validity (a backfill) issues nothing. */
  eventAt: string;
}

/**
 * Issues a coupon unless its event already has one; returns the event's
 * coupon either way (null: the event is too old to issue one). Usable through
 * the JST day COUPON_VALID_DAYS - 1 after today (the issuing day counts).
 */
export async function issueCoupon({ tx, changed }: WriteContext, issue: CouponIssue): Promise<WireDocument<Coupon> | null> {
  const { rows } = await tx.query(
    `insert into coupons (id, member_id, kind, bonus_points, issued_for, expires_on)
     select $1, $2, $3, $4, $5, (now() at time zone 'Asia/Tokyo')::date + $6::integer
      where $7::timestamptz >= now() - make_interval(days => $6::integer + 1)
     on conflict (issued_for) do nothing returning id`,
    [issue.id, issue.memberId, issue.kind, issue.bonusPoints, issue.issuedFor, COUPON_VALID_DAYS - 1, issue.eventAt],
  );
  if (rows.length > 0) changed.add('coupons');
  return couponIssuedFor(tx, issue.issuedFor);
}

export async function couponIssuedFor(tx: Queryable, issuedFor: string): Promise<WireDocument<Coupon> | null> {
  const { rows } = await tx.query(`select ${COUPON_COLUMNS} from coupons where issued_for = $1`, [issuedFor]);
  return rows[0] ? couponDocument(rows[0]) : null;
}

export interface Redemption {
  /** The redeemer's idempotency key. */
  id: string;
  channel: 'store' | 'ec';
  ref: string;
  shopId: string;
  /** When it was used: the tablet's clock for a use made offline (never after now), else now. */
  at?: string;
  /** The tablet that used it; '' for the API. */
  deviceId: string;
}

/**
 * Marks an unused coupon used. Returns the stored coupon afterwards, or null
 * when it was no longer unused (the caller answers with what is stored). A
 * shop-bonus-points coupon also posts its points, as an earn entry whose id is
 * derived from the coupon: even a replay of this call posts them once.
 */
export async function redeemCoupon(ctx: WriteContext, couponId: string, redemption: Redemption): Promise<WireDocument<Coupon> | null> {
  const { rows } = await ctx.tx.query(
    `update coupons
        set redeemed_at = least(coalesce($2::timestamptz, now()), now()), redeemed_channel = $3, redeemed_ref = $4,
            redeemed_shop_id = $5, redemption_id = $6, updated_at = now()
      where id = $1 and redeemed_at is null and not deleted
      returning ${COUPON_COLUMNS}`,
    [couponId, redemption.at ?? null, redemption.channel, redemption.ref, redemption.shopId, redemption.id],
  );
  if (!rows[0]) return null;
  const coupon = couponDocument(rows[0]);
  ctx.changed.add('coupons');
  if (coupon.kind === 'shop-bonus-points' && coupon.bonusPoints > 0) {
    await postEntries(ctx, [
      {
        id: bonusEntryId(coupon.id),
        memberId: coupon.memberId,
        type: 'earn',
        points: coupon.bonusPoints,
        amountYen: 0,
        channel: redemption.channel,
        shopId: redemption.shopId,
        deviceId: redemption.deviceId,
        ref: redemption.ref,
        rule: `coupon ${coupon.kind}`,
        createdAt: coupon.redeemedAt,
      },
    ]);
  }
  return coupon;
}

/** The bonus entry of a coupon: one id per coupon, so the ledger's idempotency posts it once. */
export function bonusEntryId(couponId: string): string {
  return `coupon:${couponId}`;
}

/** Whether a use on this instant (JST day) is after the coupon's last day. */
export async function isExpired(tx: Queryable, coupon: Coupon, at: string | undefined): Promise<boolean> {
  const { rows } = await tx.query<{ expired: boolean }>(
    `select (least(coalesce($1::timestamptz, now()), now()) at time zone 'Asia/Tokyo')::date > $2::date as expired`,
    [at ?? null, coupon.expiresOn],
  );
  return rows[0]?.expired === true;
}
