import { pointsForPurchase } from '../../src/domain/points.ts';
import type { PointEntryDraft } from '../../src/protocol/documents.ts';
import { BASE_MS, HOUR_MS, JST_OFFSET_MS, DAY_MS, SECOND_MS, YEAR_MS, isoAt } from './clock.ts';
import { DEMO_SHOP_IDS } from './locations.ts';
import { createRng, type Rng } from './random.ts';

/** Every demo entry claims to come from this device id; no real tablet has it. */
export const DEMO_DEVICE_ID = 'demo';

/** How many entries a member has in the last year: plenty of one-off visitors, some regulars. */
const ENTRY_COUNTS = [0, 1, 2, 3, 4, 5, 6, 7, 8] as const;
const ENTRY_COUNT_WEIGHTS = [18, 14, 13, 12, 11, 10, 9, 7, 6] as const;
const REDEEM_STEPS = [100, 200, 300, 500, 1000] as const;

export interface HistoryMember {
  id: string;
  homeShopId: string;
}

interface Visit {
  at: number;
  channel: 'store' | 'ec';
  shopId: string;
}

/**
 * Earn and redeem entries over the year before the base date, for members in
 * any order. Each member's entries are in time order and a redemption never
 * takes more than the points earned before it, so the running balance never
 * goes below zero. The result is sorted by createdAt (then id): the order
 * the server will give posting numbers in.
 */
export function generateHistory(
  seed: number,
  members: readonly HistoryMember[],
  registeredAtMs: readonly number[],
  pricesYen: readonly number[],
): PointEntryDraft[] {
  const rng = createRng(seed, 'history');
  const entries: PointEntryDraft[] = [];
  members.forEach((member, index) => {
    const from = Math.max(registeredAtMs[index] ?? BASE_MS - YEAR_MS, BASE_MS - YEAR_MS);
    let balance = 0;
    for (const visit of visits(rng, member, from, BASE_MS - HOUR_MS)) {
      const redeem = balance >= 100 && rng.chance(0.2);
      const amountYen = redeem ? 0 : basket(rng, pricesYen);
      const points = redeem ? redeemPoints(rng, balance) : pointsForPurchase(amountYen);
      balance += redeem ? -points : points;
      entries.push({
        id: rng.uuid(),
        memberId: member.id,
        type: redeem ? 'redeem' : 'earn',
        points,
        amountYen,
        channel: visit.channel,
        shopId: visit.shopId,
        deviceId: DEMO_DEVICE_ID,
        staffId: '',
        ref: '',
        createdAt: isoAt(visit.at),
      });
    }
  });
  // ISO strings of one format sort as the instants they name.
  entries.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
  return withRefs(entries);
}

/**
 * Source references in time order, as the tills and the EC site would issue
 * them: a receipt number per shop (`R-shibuya-000123`) for shop visits, an
 * order id (`EC-00012345`) for EC orders. A redemption is part of a purchase
 * too, so it carries that purchase's number. Each visit is one receipt.
 */
function withRefs(sorted: readonly PointEntryDraft[]): PointEntryDraft[] {
  const receipts = new Map<string, number>();
  let orders = 0;
  return sorted.map((entry) => {
    if (entry.channel === 'ec') {
      orders += 1;
      return { ...entry, ref: `EC-${String(orders).padStart(8, '0')}` };
    }
    const next = (receipts.get(entry.shopId) ?? 0) + 1;
    receipts.set(entry.shopId, next);
    return { ...entry, ref: `R-${entry.shopId.replace(/^shop-/, '')}-${String(next).padStart(6, '0')}` };
  });
}

/**
 * The member's visits in [from, to), strictly increasing in time so their
 * order survives the global sort. Shop visits fall in opening hours (10:00–21:00
 * JST); EC orders come at any hour.
 */
function visits(rng: Rng, member: HistoryMember, from: number, to: number): Visit[] {
  const wanted = rng.weighted(ENTRY_COUNTS, ENTRY_COUNT_WEIGHTS);
  const count = Math.min(wanted, Math.floor((to - from) / (10 * SECOND_MS)));
  const out: Visit[] = [];
  for (let k = 0; k < count; k += 1) {
    const ecOnly = member.homeShopId === '';
    const channel = rng.chance(ecOnly ? 0.9 : 0.15) ? 'ec' : 'store';
    const shopId = channel === 'ec' ? '' : ecOnly || rng.chance(0.12) ? rng.pick(DEMO_SHOP_IDS) : member.homeShopId;
    let at = from + Math.floor(rng.next() * (to - from));
    if (channel === 'store') {
      const jstMidnight = Math.floor((at + JST_OFFSET_MS) / DAY_MS) * DAY_MS - JST_OFFSET_MS;
      const inHours = jstMidnight + 10 * HOUR_MS + Math.floor(rng.next() * 11 * HOUR_MS);
      if (inHours >= from && inHours < to) at = inHours;
    }
    out.push({ at, channel, shopId });
  }
  out.sort((a, b) => a.at - b.at);
  for (let k = 1; k < out.length; k += 1) {
    const previous = out[k - 1];
    const visit = out[k];
    if (previous && visit && visit.at <= previous.at) visit.at = previous.at + SECOND_MS;
  }
  return out.filter((visit) => visit.at < to);
}

/** What was bought: one to three items off the shelf, tax included. */
function basket(rng: Rng, pricesYen: readonly number[]): number {
  const items = rng.weighted([1, 2, 3], [60, 30, 10]);
  let total = 0;
  for (let i = 0; i < items; i += 1) total += rng.pick(pricesYen);
  return total;
}

/** A round amount the member asked to use, or the whole balance ("全部使います"). */
function redeemPoints(rng: Rng, balance: number): number {
  if (rng.chance(0.3)) return balance;
  const affordable = REDEEM_STEPS.filter((step) => step <= balance);
  return rng.pick(affordable);
}
