import { combineLatest, from, map, of, switchMap, type Observable } from 'rxjs';
import { z } from 'zod';
import { jstDate } from '../domain/ledger/index.ts';
import type { CounterUse } from '../domain/coupon-state.ts';
import type { Coupon } from '../protocol/index.ts';
import { getDatabase } from './database.ts';
import { loadEnrolment } from './enrolment.ts';
import { newId } from './new-id.ts';
import { observeMemberGroup } from './member-group.ts';

/**
 * Issue 10: using a coupon at the counter, offline too. The coupon document
 * gets its redemption here and the `coupons` replication pushes it; the
 * server takes it only if no other channel used the coupon first, and
 * otherwise answers with its own (used) document, which replaces this one.
 * What this counter did is kept beside it in a local document, so the clerk
 * can still see that the use was refused, and why.
 */
const counterUseKey = (couponId: string): string => `coupon-use:${couponId}`;
const counterUseSchema = z.object({ redemptionId: z.string().min(1), at: z.iso.datetime({ offset: true }) });

export type CouponUseFailure = 'not-enrolled' | 'not-found' | 'already-used' | 'expired' | 'storage-error';
export type CouponUseResult = { ok: true } | { ok: false; reason: CouponUseFailure };

export async function redeemCouponAtCounter(couponId: string, now: Date = new Date()): Promise<CouponUseResult> {
  const enrolment = await loadEnrolment();
  if (!enrolment) return { ok: false, reason: 'not-enrolled' };
  try {
    const db = await getDatabase();
    const doc = await db.coupons.findOne(couponId).exec();
    if (!doc) return { ok: false, reason: 'not-found' };
    if (doc.redemptionId !== '') return { ok: false, reason: 'already-used' };
    if (doc.expiresOn < jstDate(now.getTime())) return { ok: false, reason: 'expired' };
    const use: CounterUse = { redemptionId: newId(), at: now.toISOString() };
    // The use is remembered first: a refusal replaces the coupon document, and with it the use.
    await db.upsertLocal(counterUseKey(couponId), use);
    await doc.incrementalPatch({
      redeemedAt: use.at,
      redeemedChannel: 'store',
      redeemedRef: '',
      redeemedShopId: enrolment.shop.id,
      redemptionId: use.redemptionId,
      updatedAt: use.at,
    });
    return { ok: true };
  } catch (error) {
    console.error(error);
    return { ok: false, reason: 'storage-error' };
  }
}

export interface CouponOnTablet {
  coupon: Coupon;
  /** This counter's use of it, if any. */
  use: CounterUse | null;
}

/**
 * The member's coupons, and those of records merged into them (名寄せ, one
 * level as in profile-sources.ts), with this counter's uses, live: a refusal
 * arriving by sync re-emits at once.
 */
export function observeMemberCoupons(memberId: string): Observable<CouponOnTablet[]> {
  return from(getDatabase()).pipe(
    switchMap((db) =>
      observeMemberGroup(db, memberId).pipe(
        switchMap((ids) => db.coupons.find({ selector: { memberId: { $in: ids } }, sort: [{ id: 'asc' }] }).$),
        switchMap((docs) =>
          docs.length === 0
            ? of<CouponOnTablet[]>([])
            : combineLatest(
                docs.map((doc) =>
                  db.getLocal$(counterUseKey(doc.id)).pipe(
                    map((local) => {
                      const parsed = counterUseSchema.safeParse(local?.toJSON().data);
                      return { coupon: doc.toMutableJSON(), use: parsed.success ? parsed.data : null };
                    }),
                  ),
                ),
              ),
        ),
      ),
    ),
  );
}
