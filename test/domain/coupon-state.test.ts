import { describe, expect, it } from 'vitest';
import { couponState } from '../../src/domain/coupon-state.ts';
import type { Coupon } from '../../src/protocol/index.ts';

const unused: Coupon = {
  id: 'coupon-0001',
  memberId: 'member-1',
  kind: 'ec-free-shipping',
  bonusPoints: 0,
  issuedFor: 'purchase:pos-0001',
  issuedAt: '2026-12-01T01:00:00.000Z',
  expiresOn: '2027-02-28',
  redeemedAt: '',
  redeemedChannel: '',
  redeemedRef: '',
  redeemedShopId: '',
  redemptionId: '',
  updatedAt: '2026-12-01T01:00:00.000Z',
};
const used = (redemptionId: string, channel: 'ec' | 'store'): Coupon => ({ ...unused, redemptionId, redeemedChannel: channel, redeemedAt: '2026-12-04T01:00:00.000Z' });
const mine = { redemptionId: 'use-here', at: '2026-12-04T02:00:00.000Z' };

/** Issue 10: what the counter shows for a coupon, from the synced document and this counter's own use. */
describe('couponState', () => {
  it('an unused coupon within its days is usable; past its last day, or used elsewhere, it is not shown', () => {
    expect(couponState(unused, null, '2027-02-28')).toBe('usable');
    expect(couponState(unused, null, '2027-03-01')).toBe('hidden');
    expect(couponState(used('ec-use', 'ec'), null, '2026-12-04')).toBe('hidden');
  });

  it('used here: used-here while the document carries this counter\'s use, refused when the server kept another', () => {
    expect(couponState(used('use-here', 'store'), mine, '2026-12-04')).toBe('used-here');
    expect(couponState(used('ec-use', 'ec'), mine, '2026-12-04')).toBe('refused');
    // The server gave it back unused: the use was after its last day.
    expect(couponState(unused, mine, '2027-03-01')).toBe('refused-expired');
  });
});
