import { toIso, toMs } from './calendar.ts';
import { hasValidPoints, isActivity, signedPoints } from './entries.ts';
import {
  addLot,
  debit,
  fixExpiry,
  inConsumptionOrder,
  isExpiredAt,
  lotExpiry,
  newState,
  payDebt,
  recordActivity,
  takeFrom,
  type LedgerState,
  type WorkingLot,
} from './ledger-state.ts';
import type {
  AdjustEntry,
  EarnEntry,
  ExpireEntry,
  LedgerEntry,
  LedgerPolicy,
  Lot,
  LotSource,
  LotState,
  MigrationEntry,
  Projection,
  ReversalEntry,
  TransferInEntry,
  TransferOutEntry,
} from './types.ts';

/**
 * The one projection of a member's ledger: the server's "rebuild all
 * projections" command and the tablet both call this, so they cannot
 * disagree. `entries` are in posting order (the server's), `now` is a
 * parameter so the result is reproducible.
 *
 * Invariants (checked by the property test): balance is the sum of the
 * signed points of the applied entries; the lots' remaining points less the
 * debt equal the balance; no lot goes below zero.
 */
export function project(entries: readonly LedgerEntry[], policy: LedgerPolicy, now: string): Projection {
  const state = newState(policy);
  for (const entry of entries) apply(state, entry);
  return summarise(state, toMs(now));
}

function apply(state: LedgerState, entry: LedgerEntry): void {
  if (state.seen.has(entry.id)) {
    state.flags.push({ entryId: entry.id, reason: 'duplicate-id', points: entry.points });
    return;
  }
  state.seen.add(entry.id);
  if (!hasValidPoints(entry)) {
    state.flags.push({ entryId: entry.id, reason: 'invalid-points', points: entry.points });
    return;
  }
  const atMs = toMs(entry.at);
  if (isActivity(entry)) recordActivity(state, atMs);
  state.balance += signedPoints(entry);

  switch (entry.type) {
    case 'earn':
      state.earned.set(entry.id, entry.points);
      credit(state, entry, 'earn', atMs);
      return;
    case 'migration':
    case 'transfer_in':
      credit(state, entry, entry.type, atMs);
      return;
    case 'adjust':
      if (entry.direction === 'credit') credit(state, entry, 'adjust', atMs);
      else debit(state, entry.id, entry.points, atMs);
      return;
    case 'redeem':
      state.redeemed.set(entry.id, entry.points);
      state.redeemTaken.set(entry.id, debit(state, entry.id, entry.points, atMs));
      return;
    case 'transfer_out':
      transferOut(state, entry, atMs);
      return;
    case 'expire':
      expire(state, entry, atMs);
      return;
    case 'reversal':
      if (entry.reversesType === 'earn') takeBackEarn(state, entry, atMs);
      else giveBackRedeem(state, entry, atMs);
      return;
  }
}

/** A credit pays back any debt first; only the rest becomes a lot. Only earned points vest. */
function credit(state: LedgerState, entry: EarnEntry | MigrationEntry | TransferInEntry | AdjustEntry, source: LotSource, atMs: number): void {
  addLot(state, {
    id: entry.id,
    source,
    channel: entry.channel,
    shopId: entry.shopId,
    points: payDebt(state, entry.id, entry.points),
    atMs,
    ownExpiresOn: entry.expiresOn ?? null,
    vests: entry.type === 'earn',
  });
}

/**
 * A merge (or its undo) moves one named lot: its points leave that lot, not
 * the soonest-expiring one, or the lot moved and the lot emptied would differ
 * and the expiries would not travel with their points. A lot that is unknown,
 * closed or expired gives nothing; the rest is an ordinary debit.
 */
function transferOut(state: LedgerState, entry: TransferOutEntry, atMs: number): void {
  const lot = entry.lotId === undefined ? undefined : state.lotsById.get(entry.lotId);
  const own = lot && !lot.closed && !isExpiredAt(state, lot, atMs) ? [lot] : [];
  const { rest } = takeFrom(own, entry.points);
  if (rest > 0) debit(state, entry.id, rest, atMs);
}

/**
 * An expire entry empties the lot it names. If it asks for more than the lot
 * holds (a job that raced another posting), the excess comes from other
 * already-expired lots, then debt, and the entry is flagged: it never eats
 * the member's still-valid points.
 */
function expire(state: LedgerState, entry: ExpireEntry, atMs: number): void {
  const lot = state.lotsById.get(entry.lotId);
  let rest = entry.points;
  if (lot) {
    const part = Math.min(lot.remaining, rest);
    lot.remaining -= part;
    rest -= part;
    fixExpiry(state, lot);
    lot.closed = true;
  }
  if (rest === 0) return;
  state.flags.push({ entryId: entry.id, reason: 'expire-mismatch', points: rest });
  const expired = state.lots.filter((other) => other.remaining > 0 && isExpiredAt(state, other, atMs));
  state.debt += takeFrom(inConsumptionOrder(state, expired, atMs), rest).rest;
}

/**
 * A return takes the points back from the lot the earn created first
 * (expired or not, vested or not: they are the same points), then from the
 * member's other points, then as debt.
 */
function takeBackEarn(state: LedgerState, entry: ReversalEntry, atMs: number): void {
  const before = state.reversed.get(entry.reverses) ?? 0;
  state.reversed.set(entry.reverses, before + entry.points);
  const excess = Math.min(entry.points, before + entry.points - (state.earned.get(entry.reverses) ?? 0));
  if (excess > 0) state.flags.push({ entryId: entry.id, reason: 'reversal-exceeds-original', points: excess });

  const own = state.lotsById.get(entry.reverses);
  const { rest } = takeFrom(own ? [own] : [], entry.points);
  if (rest > 0) debit(state, entry.id, rest, atMs);
}

/**
 * Points redeemed on a cancelled purchase come back. After any debt is paid,
 * they go back into the lots they came from — last taken, first returned, so
 * they keep their original expiry — when that lot has not expired at the
 * reversal's time and no expire entry has closed it (a reversal dated before
 * the expiry but posted after the job ran must not reopen the lot: the job's
 * key for it is already used). Other points, and any excess, make a new lot
 * expiring as if earned today: the member did not choose to let them lapse.
 */
function giveBackRedeem(state: LedgerState, entry: ReversalEntry, atMs: number): void {
  const before = state.givenBack.get(entry.reverses) ?? 0;
  state.givenBack.set(entry.reverses, before + entry.points);
  const excess = Math.min(entry.points, before + entry.points - (state.redeemed.get(entry.reverses) ?? 0));
  if (excess > 0) state.flags.push({ entryId: entry.id, reason: 'reversal-exceeds-original', points: excess });

  let rest = payDebt(state, entry.id, entry.points);
  const taken = state.redeemTaken.get(entry.reverses) ?? [];
  let fresh = 0;
  while (rest > 0 && taken.length > 0) {
    const last = taken[taken.length - 1];
    if (!last) break;
    const part = Math.min(last.points, rest);
    last.points -= part;
    if (last.points === 0) taken.pop();
    rest -= part;
    const lot = state.lotsById.get(last.lotId);
    if (lot && !lot.closed && !isExpiredAt(state, lot, atMs)) lot.remaining += part;
    else fresh += part;
  }
  addLot(state, {
    id: entry.id,
    source: 'restore',
    channel: entry.channel,
    shopId: entry.shopId,
    points: fresh + rest,
    atMs,
    ownExpiresOn: null,
    vests: false,
  });
}

function lotState(lot: WorkingLot, nowMs: number, expiresAt: number): LotState {
  if (nowMs >= expiresAt) return 'expired';
  if (nowMs < lot.vestsAtMs) return 'unvested';
  return 'available';
}

const STATE_ORDER: Record<LotState, number> = { available: 0, unvested: 1, expired: 2 };

function summarise(state: LedgerState, nowMs: number): Projection {
  const open = inConsumptionOrder(
    state,
    state.lots.filter((lot) => lot.remaining > 0),
    nowMs,
  );
  const lots: Lot[] = open.map((lot) => {
    const { expiresOn, atMs: expiresAt } = lotExpiry(state, lot);
    return {
      id: lot.id,
      sourceEntryId: lot.sourceEntryId,
      source: lot.source,
      channel: lot.channel,
      shopId: lot.shopId,
      points: lot.points,
      remaining: lot.remaining,
      earnedAt: toIso(lot.earnedAtMs),
      vestsAt: toIso(lot.vestsAtMs),
      expiresOn,
      expiresAt: expiresOn === null ? null : toIso(expiresAt),
      state: lotState(lot, nowMs, expiresAt),
    };
  });
  // A stable sort keeps consumption order within each state.
  lots.sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state]);
  const spendable = lots.reduce((sum, lot) => sum + (lot.state === 'available' ? lot.remaining : 0), 0);
  return {
    balance: state.balance,
    available: Math.max(0, spendable - state.debt),
    debt: state.debt,
    lots,
    flags: state.flags,
    flaggedEntryIds: [...new Set(state.flags.map((flag) => flag.entryId))],
    repayments: state.repayments,
    lastActivityAt: state.lastActivityMs === null ? null : toIso(state.lastActivityMs),
  };
}
