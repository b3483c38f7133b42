import { addDays, jstDate } from './calendar.ts';
import { project } from './project.ts';
import type { CalendarDate, ExpireEntry, IsoTime, LedgerEntry, LedgerPolicy, Lot } from './types.ts';

/**
 * The idempotency key of the expiry of one lot on one date. The same lot and
 * date always give the same key, so a job that runs twice (or on two server
 * instances at once) posts each expiry once: the second attempt hits the
 * unique index. After posting, the lot is empty and no longer due at all.
 */
export function expiryKey(lotId: string, expiresOn: CalendarDate): string {
  return `expire:${lotId}:${expiresOn}`;
}

/** The expire entry for a lot that has expired, or null when it has not (or is empty). */
export function expireEntryFor(lot: Lot): ExpireEntry | null {
  if (lot.state !== 'expired' || lot.remaining <= 0 || lot.expiresOn === null || lot.expiresAt === null) return null;
  return {
    id: expiryKey(lot.id, lot.expiresOn),
    type: 'expire',
    lotId: lot.id,
    expiresOn: lot.expiresOn,
    points: lot.remaining,
    // The moment the points stopped being usable, not when the job ran, so a
    // month-end close counts them in the month they actually expired.
    at: lot.expiresAt,
    // The channel and shop that earned the lot, so expired liability is reported where it arose.
    channel: lot.channel,
    shopId: lot.shopId,
  };
}

/** The expire entries a scheduled job must post for one member at `now`, soonest-expired first. */
export function dueExpiries(entries: readonly LedgerEntry[], policy: LedgerPolicy, now: IsoTime): ExpireEntry[] {
  return project(entries, policy, now)
    .lots.map(expireEntryFor)
    .filter((entry): entry is ExpireEntry => entry !== null)
    .sort((a, b) => (a.expiresOn < b.expiresOn ? -1 : a.expiresOn > b.expiresOn ? 1 : 0));
}

export interface ExpiringSoon {
  readonly points: number;
  /** Per last usable day, soonest first, for "120 pt expire on 11/30". */
  readonly byDate: readonly { readonly expiresOn: CalendarDate; readonly points: number }[];
}

/**
 * Points whose last usable day is between today and today + `days` (JST),
 * for the counter. Unvested points count: they are the member's and will
 * expire all the same. Under rolling-from-last-activity the date assumes no
 * further activity, which is what the member should be told.
 */
export function expiringWithin(lots: readonly Lot[], now: IsoTime, days = 30): ExpiringSoon {
  const today = jstDate(now);
  const last = addDays(today, days);
  const byDate = new Map<CalendarDate, number>();
  for (const lot of lots) {
    if (lot.remaining <= 0 || lot.expiresOn === null) continue;
    if (lot.expiresOn < today || lot.expiresOn > last) continue;
    byDate.set(lot.expiresOn, (byDate.get(lot.expiresOn) ?? 0) + lot.remaining);
  }
  const dates = [...byDate.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([expiresOn, points]) => ({ expiresOn, points }));
  return { points: dates.reduce((sum, d) => sum + d.points, 0), byDate: dates };
}
