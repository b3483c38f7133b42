import type { ApiCoupon, CouponRedeemRequest } from '../../src/protocol/index.ts';
import { TenpoError } from '../../src/protocol/index.ts';
import { apiCoupon, findApiCoupon } from './coupon-documents.ts';
import { isExpired, redeemCoupon } from './coupons.ts';
import { resolveFeedMember } from './member-refs.ts';
import { requireShop } from './purchases.ts';
import type { SyncServices } from './sync-push.ts';
import { writeTransaction } from './write-transaction.ts';

export type RedeemResult = { status: 201 | 200; coupon: ApiCoupon };

/**
 * POST /api/v1/coupons/{id}/redeem (issue 10): uses a coupon once, whichever
 * channel asks first. The same key again is a retry (200, the same body);
 * a coupon used under another key — by the EC site or at a shop's counter —
 * is a 409 `coupon-redeemed` saying when and where. Nothing is written on
 * any refusal.
 */
export async function redeemForApi(services: SyncServices, couponId: string, request: CouponRedeemRequest): Promise<RedeemResult> {
  return writeTransaction(services.sql, services.notifier, async (ctx) => {
    const found = await findApiCoupon(ctx.tx, couponId);
    if (!found) throw new TenpoError('not-found', `no coupon ${couponId}`);
    const { doc, memberNo } = found;
    if (doc.redemptionId === request.idempotencyKey) {
      if (doc.redeemedChannel !== request.channel || doc.redeemedRef !== request.ref || doc.redeemedShopId !== (request.shopId ?? '')) {
        throw new TenpoError('idempotency-conflict', `idempotency key ${request.idempotencyKey} was used for another redemption`, 409, {
          idempotencyKey: request.idempotencyKey,
        });
      }
      return { status: 200, coupon: apiCoupon(doc, memberNo) };
    }
    if (doc.redemptionId !== '') {
      throw new TenpoError('coupon-redeemed', `coupon ${couponId} was already used`, 409, {
        redeemedAt: doc.redeemedAt,
        channel: doc.redeemedChannel,
        shopId: doc.redeemedShopId,
        ref: doc.redeemedRef,
      });
    }
    // A key is one redemption: reused for another coupon it is a conflict, not a second use.
    const { rows } = await ctx.tx.query('select id from coupons where redemption_id = $1', [request.idempotencyKey]);
    if (rows.length > 0) {
      throw new TenpoError('idempotency-conflict', `idempotency key ${request.idempotencyKey} was used for another coupon`, 409, {
        idempotencyKey: request.idempotencyKey,
      });
    }
    if (request.member) {
      const { sameMemberIds } = await resolveFeedMember(ctx.tx, request.member);
      if (!sameMemberIds.has(doc.memberId)) {
        throw new TenpoError('coupon-member-mismatch', `coupon ${couponId} belongs to another member`, 409, { couponId });
      }
    }
    if (await isExpired(ctx.tx, doc, undefined)) {
      throw new TenpoError('coupon-expired', `coupon ${couponId} was usable until ${doc.expiresOn}`, 409, { expiresOn: doc.expiresOn });
    }
    const shopId = request.shopId ?? '';
    if (shopId !== '') await requireShop(ctx.tx, shopId);
    const redeemed = await redeemCoupon(ctx, couponId, { id: request.idempotencyKey, channel: request.channel, ref: request.ref, shopId, deviceId: '' });
    // Under the write lock the row cannot have changed since it was read.
    if (!redeemed) throw new Error(`coupon ${couponId} changed under the write lock`);
    return { status: 201, coupon: apiCoupon(redeemed, memberNo) };
  });
}
