import {
  abandonedCartRequestSchema,
  apiCouponSchema,
  couponParamsSchema,
  couponRedeemRequestSchema,
  memberNoParamsSchema,
  TenpoError,
} from '../../src/protocol/index.ts';
import { z } from 'zod';
import { memberCoupons } from '../services/coupon-documents.ts';
import { postAbandonedCart } from '../services/coupon-issue.ts';
import { redeemForApi } from '../services/coupon-redeem.ts';
import { mergedGroupIds, resolveMemberByNo } from '../services/identity/resolve.ts';
import type { ApiDeps } from './api-deps.ts';
import { apiRoute, type ApiRouter } from './api-route.ts';

const memberCouponsSchema = z.object({ coupons: z.array(apiCouponSchema) }).meta({ id: 'MemberCoupons' });

/** Issue 10: coupons across channels — issued on events, used once on any channel. */
export function registerCouponRoutes(router: ApiRouter, deps: ApiDeps): void {
  apiRoute(
    router,
    {
      method: 'POST',
      path: '/api/v1/carts/abandoned',
      operationId: 'postAbandonedCart',
      summary: 'Report an abandoned EC cart: issues the member one in-shop bonus-points coupon per cart',
      description:
        'The idempotency key becomes the coupon id; the cart ref decides whether a coupon is new, so a cart reported again answers 200 ' +
        'with its coupon. The member is named as in the other feeds (memberNo, lineUserId or ecAccountId). A store purchase ' +
        '(POST /api/v1/purchases with channel store) issues an EC free-shipping coupon by itself.',
      body: abandonedCartRequestSchema,
      responses: {
        201: { description: 'Issued now.', schema: apiCouponSchema },
        200: { description: 'This cart already has its coupon: the coupon as stored.', schema: apiCouponSchema },
      },
      errors: {
        400: 'The body is not JSON.',
        409: '`idempotency-conflict`: the key was used for another cart, or the cart was reported for another member. Nothing is written.',
        422: '`unprocessable`: a field is missing or invalid, or the cart is older than a coupon is valid; `unknown-member`.',
      },
    },
    async ({ body, reply }) => {
      const { status, coupon } = await postAbandonedCart(deps, body);
      void reply.code(status);
      return coupon;
    },
  );

  apiRoute(
    router,
    {
      method: 'POST',
      path: '/api/v1/coupons/:id/redeem',
      operationId: 'redeemCoupon',
      summary: 'Use a coupon, exactly once across every channel (the EC site here, the shops at their counters)',
      description:
        'Make the idempotency key before the first attempt and reuse it on every retry. A shop-bonus-points coupon also earns its points. ' +
        'When `member` is given, it must be the coupon\'s member or a record merged with it.',
      params: couponParamsSchema,
      body: couponRedeemRequestSchema,
      responses: {
        201: { description: 'Used now.', schema: apiCouponSchema },
        200: { description: 'Already used with this key: the same body as the first answer.', schema: apiCouponSchema },
      },
      errors: {
        400: 'The body is not JSON, or the id is not a coupon id.',
        404: '`not-found`: no coupon has this id.',
        409:
          '`coupon-redeemed`: already used with another key — on the EC site or in a shop (details: redeemedAt, channel, shopId, ref); ' +
          '`coupon-expired`: past its last day (details: expiresOn); `coupon-member-mismatch`: another member\'s coupon; ' +
          '`idempotency-conflict`: the key was used for another coupon or another order. Nothing is written.',
        422: '`unprocessable`: a field is missing or invalid, or shopId names no shop; `unknown-member`.',
      },
    },
    async ({ params, body, reply }) => {
      const { status, coupon } = await redeemForApi(deps, params.id, body);
      void reply.code(status);
      return coupon;
    },
  );

  apiRoute(
    router,
    {
      method: 'GET',
      path: '/api/v1/members/:memberNo/coupons',
      operationId: 'getMemberCoupons',
      summary: "A member's coupons, used or not, newest first (a number merged into another answers for the survivor's whole group)",
      params: memberNoParamsSchema,
      responses: { 200: { description: 'The coupons.', schema: memberCouponsSchema } },
      errors: { 400: 'The member number is not 10 digits.', 404: 'No live member has this number.' },
    },
    async ({ params }) => {
      const resolved = await resolveMemberByNo(deps.sql, params.memberNo);
      if (!resolved) throw new TenpoError('not-found', `no member ${params.memberNo}`);
      return { coupons: await memberCoupons(deps.sql, await mergedGroupIds(deps.sql, resolved.member.id)) };
    },
  );
}
