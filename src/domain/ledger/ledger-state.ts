import { DAY_MS } from './calendar.ts';
import { fixedExpiry, floatingExpiry, initialExpiry, type LotExpiry, type ResolvedExpiry } from './lot-expiry.ts';
import type { CalendarDate, Channel, LedgerFlag, LedgerPolicy, LotSource, Repayment } from './types.ts';

/**
 * The mutable working state of one projection run. It never escapes
 * project(): callers only see the frozen Projection, so the rules stay pure.
 */
export interface WorkingLot {
  readonly id: string;
  readonly sourceEntryId: string;
  readonly source: LotSource;
  readonly channel: Channel;
  readonly shopId: string;
  /** Creation order, the last tie-breaker, so the order never depends on sort stability. */
  readonly seq: number;
  readonly points: number;
  remaining: number;
  readonly earnedAtMs: number;
  readonly vestsAtMs: number;
  expiry: LotExpiry;
  /** An expire entry has been posted for it: it never takes points again, or its expiry key would repeat. */
  closed: boolean;
}

export interface Taken {
  readonly lotId: string;
  points: number;
}

export interface LedgerState {
  readonly policy: LedgerPolicy;
  readonly lots: WorkingLot[];
  readonly lotsById: Map<string, WorkingLot>;
  balance: number;
  debt: number;
  lastActivityMs: number | null;
  readonly flags: LedgerFlag[];
  readonly repayments: Repayment[];
  readonly seen: Set<string>;
  /** Points of each earn, and how many have been taken back so far. */
  readonly earned: Map<string, number>;
  readonly reversed: Map<string, number>;
  /** Points of each redemption, what it took from which lot (not yet given back), and what was given back. */
  readonly redeemed: Map<string, number>;
  readonly redeemTaken: Map<string, Taken[]>;
  readonly givenBack: Map<string, number>;
  /**
   * Floating expiries by base instant. Every floating lot shares the last
   * activity as its base, so this turns thousands of date calculations per
   * entry into one (a 5,000-entry ledger went from 13 s to well under 1 s).
   */
  readonly floating: Map<number, ResolvedExpiry>;
}

export function newState(policy: LedgerPolicy): LedgerState {
  return {
    policy,
    lots: [],
    lotsById: new Map(),
    balance: 0,
    debt: 0,
    lastActivityMs: null,
    flags: [],
    repayments: [],
    seen: new Set(),
    earned: new Map(),
    reversed: new Map(),
    redeemed: new Map(),
    redeemTaken: new Map(),
    givenBack: new Map(),
    floating: new Map(),
  };
}

export function lotExpiry(state: LedgerState, lot: WorkingLot): ResolvedExpiry {
  if (lot.expiry.kind === 'fixed') return lot.expiry;
  const base = state.lastActivityMs === null ? lot.earnedAtMs : Math.max(lot.earnedAtMs, state.lastActivityMs);
  let resolved = state.floating.get(base);
  if (!resolved) {
    resolved = floatingExpiry(lot.expiry.months, base);
    state.floating.set(base, resolved);
  }
  return resolved;
}

export function isExpiredAt(state: LedgerState, lot: WorkingLot, atMs: number): boolean {
  return atMs >= lotExpiry(state, lot).atMs;
}

/** Stops a floating lot from following later activity. */
export function fixExpiry(state: LedgerState, lot: WorkingLot): void {
  if (lot.expiry.kind === 'floating') lot.expiry = fixedExpiry(lotExpiry(state, lot).expiresOn);
}

/**
 * Consumption order: vested before unvested (unvested points are only touched
 * by an overdraft, before it becomes debt), then soonest-expiring first, then
 * oldest first, then creation order. Each lot's expiry is worked out once per
 * sort, not once per comparison.
 */
export function inConsumptionOrder(state: LedgerState, lots: readonly WorkingLot[], atMs: number): WorkingLot[] {
  return lots
    .map((lot) => ({ lot, unvested: lot.vestsAtMs > atMs ? 1 : 0, expiresAt: lotExpiry(state, lot).atMs }))
    .sort((a, b) => {
      if (a.unvested !== b.unvested) return a.unvested - b.unvested;
      if (a.expiresAt !== b.expiresAt) return a.expiresAt < b.expiresAt ? -1 : 1;
      if (a.lot.earnedAtMs !== b.lot.earnedAtMs) return a.lot.earnedAtMs - b.lot.earnedAtMs;
      return a.lot.seq - b.lot.seq;
    })
    .map(({ lot }) => lot);
}

/** Credits pay debt back before they create spendable points. Returns what is left. */
export function payDebt(state: LedgerState, entryId: string, points: number): number {
  const paid = Math.min(state.debt, points);
  if (paid > 0) {
    state.debt -= paid;
    state.repayments.push({ entryId, points: paid });
  }
  return points - paid;
}

export interface NewLot {
  id: string;
  source: LotSource;
  channel: Channel;
  shopId: string;
  points: number;
  atMs: number;
  ownExpiresOn: CalendarDate | null;
  /** Only earned points vest: migrated, transferred and restored points were already the member's. */
  vests: boolean;
}

export function addLot(state: LedgerState, lot: NewLot): void {
  if (lot.points <= 0) return;
  const vestingDays = lot.vests ? (state.policy.vestingDays ?? 0) : 0;
  if (!Number.isInteger(vestingDays) || vestingDays < 0) throw new RangeError('vestingDays must be a non-negative integer');
  const working: WorkingLot = {
    id: lot.id,
    sourceEntryId: lot.id,
    source: lot.source,
    channel: lot.channel,
    shopId: lot.shopId,
    seq: state.lots.length,
    points: lot.points,
    remaining: lot.points,
    earnedAtMs: lot.atMs,
    vestsAtMs: lot.atMs + vestingDays * DAY_MS,
    expiry: initialExpiry(state.policy.expiry, lot.atMs, lot.ownExpiresOn),
    closed: false,
  };
  state.lots.push(working);
  state.lotsById.set(working.id, working);
}

/** Takes up to `points` from the lots in the order given; returns what was taken and what is left. */
export function takeFrom(lots: readonly WorkingLot[], points: number): { taken: Taken[]; rest: number } {
  const taken: Taken[] = [];
  let rest = points;
  for (const lot of lots) {
    if (rest === 0) break;
    const part = Math.min(lot.remaining, rest);
    if (part <= 0) continue;
    lot.remaining -= part;
    rest -= part;
    taken.push({ lotId: lot.id, points: part });
  }
  return { taken, rest };
}

/**
 * A debit against the member's spendable points (unexpired lots, in
 * consumption order). A shortfall is posted anyway — the goods are gone — as
 * debt, and the entry is flagged.
 */
export function debit(state: LedgerState, entryId: string, points: number, atMs: number): Taken[] {
  const open = state.lots.filter((lot) => lot.remaining > 0 && !isExpiredAt(state, lot, atMs));
  const candidates = inConsumptionOrder(state, open, atMs);
  const { taken, rest } = takeFrom(candidates, points);
  if (rest > 0) {
    state.debt += rest;
    state.flags.push({ entryId, reason: 'overdraft', points: rest });
  }
  return taken;
}

/**
 * Before the last activity moves forward, floating lots that have already
 * expired are frozen at the date they expired.
 */
export function recordActivity(state: LedgerState, atMs: number): void {
  if (state.lastActivityMs !== null && atMs <= state.lastActivityMs) return;
  for (const lot of state.lots) {
    if (lot.expiry.kind === 'floating' && isExpiredAt(state, lot, atMs)) fixExpiry(state, lot);
  }
  state.lastActivityMs = atMs;
}
