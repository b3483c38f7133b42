import type { Coupon } from '../protocol/index.ts';

/** A use made at this tablet's counter, remembered on the tablet (the synced coupon may lose it when the server refuses it). */
export interface CounterUse {
  redemptionId: string;
  at: string;
}

/**
 * What the counter shows for a coupon (issue 10):
 * - usable: unused, within its days — the clerk may use it;
 * - used-here: used at this counter (sent, or waiting for the connection);
 * - refused: used here while offline, but another channel was first — the
 *   server kept the other use, shown with when and where;
 * - refused-expired: used here while offline after its last day — the server gave it back unused;
 * - hidden: used elsewhere, or expired, before this tablet did anything with it.
 */
export type CouponState = 'usable' | 'used-here' | 'refused' | 'refused-expired' | 'hidden';

export function couponState(coupon: Coupon, use: CounterUse | null, today: string): CouponState {
  if (use) {
    if (coupon.redemptionId === use.redemptionId) return 'used-here';
    return coupon.redemptionId === '' ? 'refused-expired' : 'refused';
  }
  if (coupon.redemptionId !== '' || coupon.expiresOn < today) return 'hidden';
  return 'usable';
}
