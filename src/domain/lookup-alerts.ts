/**
 * The unusual-lookup alert (issue 6 point 3): staff who bring up far more
 * members than their colleagues may be browsing member data rather than
 * serving customers. The rule is meant to be explained to a shop manager in
 * one sentence, so it has three numbers, all here:
 *
 *   A staff member is listed when their member lookups in the period exceed
 *   BOTH the floor (LOOKUP_FLOOR_PER_DAY for each day of the period) AND
 *   LOOKUP_FACTOR times the median of the staff of their shop. A shop with
 *   fewer than MIN_SHOP_PEERS staff who looked anyone up has no meaningful
 *   median of its own (with two, neither can be 3× the median), so those are
 *   compared with the median of the whole chain.
 *
 * The floor keeps a quiet shop's busiest clerk (20 lookups against a median
 * of 5) off the list; the factor lets a big shop's busy day through.
 */
export const LOOKUP_FLOOR_PER_DAY = 100;
export const LOOKUP_FACTOR = 3;
export const MIN_SHOP_PEERS = 3;

export interface LookupCount {
  staffId: string;
  shopId: string | null;
  lookups: number;
}

export interface UnusualLookups extends LookupCount {
  median: number;
  comparedWith: 'shop' | 'chain';
  threshold: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Whole days in the period, at least one: a one-hour look still gets a day's floor. */
export function periodDays(fromMs: number, toMs: number): number {
  return Math.max(1, Math.ceil((toMs - fromMs) / 86_400_000));
}

/** The staff whose lookups are unusual, most lookups first. */
export function unusualLookups(counts: readonly LookupCount[], days: number): UnusualLookups[] {
  const floor = LOOKUP_FLOOR_PER_DAY * days;
  const chainMedian = median(counts.map((c) => c.lookups));
  const byShop = new Map<string | null, number[]>();
  for (const count of counts) byShop.set(count.shopId, [...(byShop.get(count.shopId) ?? []), count.lookups]);

  const alerts: UnusualLookups[] = [];
  for (const count of counts) {
    const peers = byShop.get(count.shopId) ?? [];
    const ownShop = peers.length >= MIN_SHOP_PEERS;
    const compared = ownShop ? median(peers) : chainMedian;
    const threshold = Math.max(floor, LOOKUP_FACTOR * compared);
    if (count.lookups > threshold) alerts.push({ ...count, median: compared, comparedWith: ownShop ? 'shop' : 'chain', threshold });
  }
  return alerts.sort((a, b) => b.lookups - a.lookups || a.staffId.localeCompare(b.staffId));
}
