import type { Coupon, WireDocument } from '../../src/protocol/index.ts';
import { couponSchema } from '../../src/protocol/index.ts';
import { z } from 'zod';
import { findCoupons } from './coupon-documents.ts';
import type { Device } from './devices.ts';
import { isExpired, redeemCoupon } from './coupons.ts';
import { shopsOfMembers } from './member-presence.ts';
import { parseEach } from './validate.ts';
import type { WriteContext } from './write-transaction.ts';

const couponRowSchema = couponSchema.extend({ _deleted: z.boolean().default(false) });

/** Parsed before the write transaction: a malformed batch writes nothing. */
export function parseCouponPush(states: readonly unknown[]): WireDocument<Coupon>[] {
  return parseEach(couponRowSchema, states, 'coupons');
}

/**
 * A tablet uses a coupon at the counter, maybe offline, by pushing it back
 * with its redemption filled in (issue 10). Written only while the stored
 * coupon is unused, in its shop, and not past its last day on the day it was
 * used; the server owns every other field. Every pushed coupon is answered as
 * the server holds it (as pushed point entries are): a use refused because
 * the EC site or another shop was first comes back as the stored, used
 * coupon, which the tablet adopts and shows as refused. A retry of an
 * accepted use finds its own key and changes nothing. A tablet cannot create
 * or delete coupons: such rows are answered with what is stored, or nothing.
 */
export async function pushCoupons(ctx: WriteContext, pushed: readonly WireDocument<Coupon>[], device: Device): Promise<WireDocument<Coupon>[]> {
  // Bound by the same scope as pull: a tablet neither uses nor learns of another shop's members' coupons.
  const found = await findCoupons(ctx.tx, pushed.map((c) => c.id));
  const shops = await shopsOfMembers(ctx.tx, found.map((c) => c.memberId));
  const stored = new Map(found.filter((c) => shops.get(c.memberId)?.has(device.shopId) === true).map((c) => [c.id, c]));
  for (const next of pushed) {
    const current = stored.get(next.id);
    if (!current || current._deleted || !wantsRedemption(current, next)) continue;
    if (await isExpired(ctx.tx, current, next.redeemedAt)) continue;
    // A key is one redemption: a tablet reusing one for a second coupon gets the coupon back unused.
    if (await redemptionKeyTaken(ctx, next.redemptionId)) continue;
    const redeemed = await redeemCoupon(ctx, current.id, {
      id: next.redemptionId,
      channel: 'store',
      ref: next.redeemedRef,
      // The shop is the device's, whatever the document says.
      shopId: device.shopId,
      at: next.redeemedAt,
      deviceId: device.id,
    });
    if (redeemed) stored.set(redeemed.id, redeemed);
  }
  return pushed.flatMap((c) => stored.get(c.id) ?? []);
}

async function redemptionKeyTaken({ tx }: WriteContext, key: string): Promise<boolean> {
  const { rows } = await tx.query('select 1 from coupons where redemption_id = $1', [key]);
  return rows.length > 0;
}

/** An unused coupon, pushed back with a redemption made at the counter and nothing else changed. */
function wantsRedemption(current: Coupon, next: WireDocument<Coupon>): boolean {
  return (
    current.redemptionId === '' &&
    !next._deleted &&
    next.redemptionId !== '' &&
    next.redeemedAt !== '' &&
    next.redeemedChannel === 'store' &&
    next.memberId === current.memberId &&
    next.kind === current.kind
  );
}
