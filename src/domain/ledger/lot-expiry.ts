import { addMonths, endOfDay, jstDate } from './calendar.ts';
import type { CalendarDate, ExpiryPolicy } from './types.ts';

/** A lot's last usable day (null: never) and the instant it stops being usable. */
export interface ResolvedExpiry {
  readonly expiresOn: CalendarDate | null;
  readonly atMs: number;
}

/**
 * A lot's expiry as the projection tracks it. Under rolling-from-last-activity
 * a lot "floats": its date follows the member's latest earn or redeem until
 * it has passed, and is then fixed, so a member who comes back after their
 * points expired does not revive them by earning before the expiry job ran.
 */
export type LotExpiry = ({ readonly kind: 'fixed' } & ResolvedExpiry) | { readonly kind: 'floating'; readonly months: number };

/** Points are usable through the whole last day, up to 00:00 JST after it. */
export function fixedExpiry(expiresOn: CalendarDate | null): LotExpiry {
  return { kind: 'fixed', expiresOn, atMs: expiresOn === null ? Number.POSITIVE_INFINITY : endOfDay(expiresOn) };
}

function checkMonths(months: number): number {
  if (!Number.isInteger(months) || months <= 0) throw new RangeError('expiry months must be a positive integer');
  return months;
}

/** The expiry a new lot starts with. A lot's own date (campaign points) wins over the policy. */
export function initialExpiry(policy: ExpiryPolicy, earnedAtMs: number, own: CalendarDate | null): LotExpiry {
  if (own !== null) return fixedExpiry(own);
  switch (policy.kind) {
    case 'rolling-from-earn':
      return fixedExpiry(addMonths(jstDate(earnedAtMs), checkMonths(policy.months)));
    case 'rolling-from-last-activity':
      return { kind: 'floating', months: checkMonths(policy.months) };
    case 'fixed-date':
      return fixedExpiry(null);
  }
}

/**
 * A floating lot's expiry counts from the later of its own creation and the
 * last activity (`baseMs`), so points migrated or transferred in after the
 * member's last purchase are not born expired.
 */
export function floatingExpiry(months: number, baseMs: number): ResolvedExpiry {
  const expiresOn = addMonths(jstDate(baseMs), months);
  return { expiresOn, atMs: endOfDay(expiresOn) };
}
