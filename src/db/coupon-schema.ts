import type { RxJsonSchema } from 'rxdb';
import { COUPON_KINDS, REDEEMED_CHANNELS, type Coupon } from '../protocol/index.ts';
import { DATE, ID, TIME } from './schema-fields.ts';

/**
 * A member's coupons (issue 10), mirroring couponSchema (src/protocol/coupon.ts)
 * field for field; rules in schemas.ts. The tablet writes one thing: a use at
 * the counter (the redemption fields), which the server takes only while the
 * coupon is still unused on every channel.
 */
export const couponRxSchema: RxJsonSchema<Coupon> = {
  title: 'coupons',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string', maxLength: 90 },
    memberId: ID,
    kind: { type: 'string', enum: [...COUPON_KINDS] },
    bonusPoints: { type: 'integer', minimum: 0 },
    issuedFor: { type: 'string', maxLength: 200 },
    issuedAt: TIME,
    expiresOn: DATE,
    redeemedAt: TIME,
    redeemedChannel: { type: 'string', enum: [...REDEEMED_CHANNELS] },
    redeemedRef: { type: 'string', maxLength: 64 },
    redeemedShopId: { type: 'string', maxLength: 32 },
    redemptionId: { type: 'string', maxLength: 100 },
    updatedAt: TIME,
  },
  required: [
    'id',
    'memberId',
    'kind',
    'bonusPoints',
    'issuedFor',
    'issuedAt',
    'expiresOn',
    'redeemedAt',
    'redeemedChannel',
    'redeemedRef',
    'redeemedShopId',
    'redemptionId',
    'updatedAt',
  ],
  // The member at the counter: their coupons.
  indexes: ['memberId'],
};
