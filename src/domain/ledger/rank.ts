import { addDays, addMonths, jstDate, toMs } from './calendar.ts';
import type { CalendarDate, IsoTime, LedgerEntry } from './types.ts';

/**
 * A member rank. A rank needs BOTH its spend and its visit threshold: spend
 * alone would let one large purchase (a gift order, a reseller) buy gold for a
 * year, visits alone would reward frequent tiny baskets; a rank is meant for
 * members who come often and spend. Thresholds are inclusive (≥).
 */
export interface RankTier {
  readonly id: string;
  readonly minSpendYen: number;
  readonly minVisits: number;
  readonly multiplier: number;
}

/** Lowest first. The first tier must have zero thresholds, so every member has a rank. */
export type RankTable = readonly RankTier[];

export const DEFAULT_RANKS: RankTable = [
  { id: 'regular', minSpendYen: 0, minVisits: 0, multiplier: 1 },
  { id: 'silver', minSpendYen: 50_000, minVisits: 6, multiplier: 1.5 },
  { id: 'gold', minSpendYen: 150_000, minVisits: 12, multiplier: 2 },
];

/** One purchase (positive) or return (negative), in yen. */
export interface SpendRecord {
  readonly at: IsoTime;
  readonly amountYen: number;
}

export interface RankResult {
  readonly rank: RankTier;
  readonly spendYen: number;
  readonly visits: number;
  /** The window counted, JST days, both inclusive. */
  readonly from: CalendarDate;
  readonly to: CalendarDate;
}

/** Spend as the ledger records it: earns add their purchase amount, returns (earn reversals) take theirs off. */
export function spendRecords(entries: readonly LedgerEntry[]): SpendRecord[] {
  const records: SpendRecord[] = [];
  for (const entry of entries) {
    if (entry.type === 'earn') records.push({ at: entry.at, amountYen: entry.amountYen });
    if (entry.type === 'reversal' && entry.reversesType === 'earn' && entry.amountYen !== undefined) {
      records.push({ at: entry.at, amountYen: -entry.amountYen });
    }
  }
  return records;
}

export function checkRankTable(table: RankTable): void {
  const first = table[0];
  if (!first || first.minSpendYen !== 0 || first.minVisits !== 0) {
    throw new RangeError('the lowest rank must have zero thresholds');
  }
  table.forEach((tier, i) => {
    const below = table[i - 1];
    if (!(tier.multiplier > 0)) throw new RangeError(`rank ${tier.id}: multiplier must be positive`);
    if (below && (tier.minSpendYen < below.minSpendYen || tier.minVisits < below.minVisits)) {
      throw new RangeError(`rank ${tier.id}: thresholds must not be below those of ${below.id}`);
    }
  });
}

/** The highest rank whose spend AND visit thresholds are both met. */
export function rankFor(table: RankTable, spendYen: number, visits: number): RankTier {
  checkRankTable(table);
  for (let i = table.length - 1; i > 0; i -= 1) {
    const tier = table[i];
    if (tier && spendYen >= tier.minSpendYen && visits >= tier.minVisits) return tier;
  }
  // checkRankTable guarantees a first tier.
  return table[0] as RankTier;
}

/**
 * Spend and visits over the trailing 12 months ending on the JST day of `at`:
 * from the day after the same date a year earlier (month-end clamped) through
 * that day, so exactly one year of days is counted. A visit is a distinct day
 * with a purchase; returns lower spend (never below 0) but do not remove a visit —
 * the member did come. Records after `at` are ignored.
 */
export function trailingSpend(records: readonly SpendRecord[], at: IsoTime): Omit<RankResult, 'rank'> {
  const atMs = toMs(at);
  const to = jstDate(atMs);
  const from = addDays(addMonths(to, -12), 1);
  let spendYen = 0;
  const days = new Set<CalendarDate>();
  for (const record of records) {
    const ms = toMs(record.at);
    const day = jstDate(ms);
    if (ms > atMs || day < from) continue;
    spendYen += record.amountYen;
    if (record.amountYen > 0) days.add(day);
  }
  return { spendYen: Math.max(0, spendYen), visits: days.size, from, to };
}

export function computeRank(records: readonly SpendRecord[], table: RankTable, at: IsoTime): RankResult {
  const window = trailingSpend(records, at);
  return { rank: rankFor(table, window.spendYen, window.visits), ...window };
}
