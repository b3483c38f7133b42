import { z } from 'zod';
import { idempotencyKeySchema, memberNoSchema } from './api.ts';
import { CHANNELS } from './documents.ts';
import { memberRefSchema } from './feed-api.ts';

/**
 * Issue 10: coupons across channels. The server issues them on events — a
 * shop purchase issues an EC free-shipping coupon, an abandoned EC cart an
 * in-shop bonus-points coupon — and each is redeemable once, on any channel:
 * the EC site through POST /api/v1/coupons/{id}/redeem, a shop's tablet by
 * pushing the coupon document with its redemption filled in (collection
 * `coupons`, member-scoped like point entries). Whichever comes second is
 * refused: a 409 `coupon-redeemed` for the API, the stored (redeemed)
 * document as the push's answer for the tablet.
 */
export const COUPON_KINDS = ['ec-free-shipping', 'shop-bonus-points'] as const;
export type CouponKind = (typeof COUPON_KINDS)[number];

/** Days a coupon is usable, the issuing day included (JST). */
export const COUPON_VALID_DAYS = 90;
/**
 * Points a shop-bonus-points coupon gives when used at the counter. A constant
 * for now: the points policy has no coupon setting yet (HQ campaigns may bring one).
 */
export const CART_COUPON_BONUS_POINTS = 100;

/** '' until used. */
export const REDEEMED_CHANNELS = ['', ...CHANNELS] as const;

const isoTime = z.iso.datetime({ offset: true });
const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
// At most 90: its bonus entry's id is `coupon:` + this, within an entry id's 100.
const couponId = z.string().regex(/^[A-Za-z0-9:_.-]{8,90}$/);

/** The synced document; the redemption fields are '' until it is used. */
export const couponSchema = z.object({
  id: couponId,
  memberId: z.string().min(1).max(64),
  kind: z.enum(COUPON_KINDS),
  bonusPoints: z.number().int().min(0).max(1_000_000),
  /** The event: `purchase:<purchase id>` or `cart:<cart ref>`. */
  issuedFor: z.string().min(1).max(200),
  issuedAt: isoTime,
  /** Last usable day (JST). */
  expiresOn: calendarDate,
  redeemedAt: z.union([z.literal(''), isoTime]),
  redeemedChannel: z.enum(REDEEMED_CHANNELS),
  /** Receipt or EC order number it was used on. */
  redeemedRef: z.string().max(64),
  /** The shop of a use at the counter; '' otherwise. */
  redeemedShopId: z.string().max(32),
  /** The redeemer's idempotency key (a tablet makes a UUID); '' until used. */
  redemptionId: z.union([z.literal(''), idempotencyKeySchema]),
  updatedAt: isoTime,
});
export type Coupon = z.infer<typeof couponSchema>;

/** POST /api/v1/carts/abandoned: the EC site reports a cart left unpaid; one coupon per cart. */
export const abandonedCartRequestSchema = z
  .object({
    /** Becomes the coupon's id; the cart ref decides whether a coupon is new. */
    idempotencyKey: idempotencyKeySchema,
    member: memberRefSchema,
    cartRef: z.string().trim().min(1).max(64),
    at: isoTime,
    totalYen: z.int().min(0).max(100_000_000),
  })
  .meta({ id: 'AbandonedCartRequest' });
export type AbandonedCartRequest = z.infer<typeof abandonedCartRequestSchema>;

export const couponParamsSchema = z.object({ id: couponId });

/** POST /api/v1/coupons/{id}/redeem. */
export const couponRedeemRequestSchema = z
  .object({
    /** The redemption's key: the same key again is a retry (200), another key on a used coupon a 409. */
    idempotencyKey: idempotencyKeySchema,
    channel: z.enum(CHANNELS),
    /** The EC order (or receipt) number the coupon is used on. */
    ref: z.string().trim().min(1).max(64),
    /** The shop, for a POS redeeming online; absent for the EC site. */
    shopId: z.string().min(1).max(32).optional(),
    /** Who is using it: when given, it must be the coupon's member (or a record merged with it). */
    member: memberRefSchema.optional(),
  })
  .refine((r) => r.channel !== 'store' || r.shopId !== undefined, { path: ['shopId'], message: 'a use in a shop needs its shop' })
  .refine((r) => r.channel !== 'ec' || r.shopId === undefined, { path: ['shopId'], message: 'a use on the EC site has no shop' })
  .meta({ id: 'CouponRedeemRequest' });
export type CouponRedeemRequest = z.infer<typeof couponRedeemRequestSchema>;

export const apiCouponSchema = z
  .object({
    id: z.string(),
    memberNo: memberNoSchema,
    kind: z.enum(COUPON_KINDS),
    bonusPoints: z.int().min(0),
    issuedFor: z.string(),
    issuedAt: isoTime,
    expiresOn: calendarDate,
    /** Null until used. */
    redeemedAt: isoTime.nullable(),
    redeemedChannel: z.enum(REDEEMED_CHANNELS),
    redeemedRef: z.string(),
    redeemedShopId: z.string(),
  })
  .meta({ id: 'Coupon' });
export type ApiCoupon = z.infer<typeof apiCouponSchema>;
