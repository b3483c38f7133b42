import type { AbandonedCartRequest, ApiCoupon } from '../../src/protocol/index.ts';
import { CART_COUPON_BONUS_POINTS, TenpoError } from '../../src/protocol/index.ts';
import { apiCoupon, findApiCoupon } from './coupon-documents.ts';
import { issueCoupon } from './coupons.ts';
import { resolveFeedMember } from './member-refs.ts';
import type { SyncServices } from './sync-push.ts';
import { writeTransaction, type WriteContext } from './write-transaction.ts';

/** Issue 10: the events that issue coupons. */

/** A store purchase (POST /api/v1/purchases, in its write transaction): one EC free-shipping coupon. */
export async function issuePurchaseCoupon(ctx: WriteContext, purchaseId: string, memberId: string, at: string): Promise<void> {
  await issueCoupon(ctx, {
    id: crypto.randomUUID(),
    memberId,
    kind: 'ec-free-shipping',
    bonusPoints: 0,
    issuedFor: `purchase:${purchaseId}`,
    eventAt: at,
  });
}

export type CartCouponResult = { status: 201 | 200; coupon: ApiCoupon };

/**
 * POST /api/v1/carts/abandoned: one shop bonus-points coupon per cart. The
 * key becomes the coupon id; the cart ref is the event, so a cart reported
 * again (same key or not) answers 200 with its coupon. The same key for
 * another cart, or the cart for another member, is a 409 and writes nothing.
 */
export async function postAbandonedCart(services: SyncServices, request: AbandonedCartRequest): Promise<CartCouponResult> {
  return writeTransaction(services.sql, services.notifier, async (ctx) => {
    const { member, sameMemberIds } = await resolveFeedMember(ctx.tx, request.member);
    const issuedFor = `cart:${request.cartRef}`;
    const conflict = () =>
      new TenpoError('idempotency-conflict', `idempotency key ${request.idempotencyKey} was used for another cart`, 409, {
        idempotencyKey: request.idempotencyKey,
      });
    const sameKey = await findApiCoupon(ctx.tx, request.idempotencyKey);
    if (sameKey && sameKey.doc.issuedFor !== issuedFor) throw conflict();

    const coupon = await issueCoupon(ctx, {
      id: request.idempotencyKey,
      memberId: member.id,
      kind: 'shop-bonus-points',
      bonusPoints: CART_COUPON_BONUS_POINTS,
      issuedFor,
      eventAt: request.at,
    });
    if (!coupon) {
      throw new TenpoError('unprocessable', 'the cart was abandoned too long ago to issue a coupon', 422, [{ path: 'at', message: 'older than a coupon is valid' }]);
    }
    if (!sameMemberIds.has(coupon.memberId)) throw conflict();
    const stored = await findApiCoupon(ctx.tx, coupon.id);
    if (!stored) throw new Error(`coupon ${coupon.id} not found after insert`);
    // Only a new row announces the collection: that is what 201 means.
    return { status: ctx.changed.has('coupons') ? 201 : 200, coupon: apiCoupon(stored.doc, stored.memberNo) };
  });
}
