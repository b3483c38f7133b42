import { useMemo } from 'react';
import { observeMemberCoupons, type CouponOnTablet } from '../coupons.ts';
import { useObservable, valueOf } from './use-observable.ts';

/** The member's coupons with this counter's uses, live; undefined while loading. */
export function useMemberCoupons(memberId: string): CouponOnTablet[] | undefined {
  const source$ = useMemo(() => observeMemberCoupons(memberId), [memberId]);
  return valueOf(useObservable(source$));
}
