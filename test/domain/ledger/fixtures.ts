import type {
  AdjustEntry,
  EarnEntry,
  ExpireEntry,
  LedgerPolicy,
  MigrationEntry,
  RedeemEntry,
  ReversalEntry,
  TransferInEntry,
  TransferOutEntry,
} from '../../../src/domain/ledger/index.ts';

/** `2026-01-31` means noon JST that day; a full ISO time is kept as is. */
export function at(time: string): string {
  return time.length === 10 ? `${time}T12:00:00+09:00` : time;
}

const base = { channel: 'store', shopId: 'shop-shibuya' } as const;

export function earn(id: string, points: number, time: string, extra: Partial<EarnEntry> = {}): EarnEntry {
  return { ...base, id, type: 'earn', points, at: at(time), amountYen: points * 100, ...extra };
}

export function redeem(id: string, points: number, time: string, extra: Partial<RedeemEntry> = {}): RedeemEntry {
  return { ...base, id, type: 'redeem', points, at: at(time), ...extra };
}

export function expire(id: string, lotId: string, points: number, expiresOn: string): ExpireEntry {
  return { ...base, id, type: 'expire', lotId, points, expiresOn, at: `${expiresOn}T23:59:59+09:00` };
}

export function adjust(id: string, direction: 'credit' | 'debit', points: number, time: string): AdjustEntry {
  return { ...base, id, type: 'adjust', direction, points, at: at(time) };
}

export function migration(id: string, points: number, time: string): MigrationEntry {
  return { ...base, id, type: 'migration', points, at: at(time) };
}

export function transferIn(id: string, points: number, time: string, extra: Partial<TransferInEntry> = {}): TransferInEntry {
  return { ...base, id, type: 'transfer_in', points, at: at(time), ...extra };
}

export function transferOut(id: string, points: number, time: string): TransferOutEntry {
  return { ...base, id, type: 'transfer_out', points, at: at(time) };
}

export function takeBack(id: string, earnId: string, points: number, time: string, amountYen?: number): ReversalEntry {
  const entry: ReversalEntry = { ...base, id, type: 'reversal', reverses: earnId, reversesType: 'earn', points, at: at(time) };
  return amountYen === undefined ? entry : { ...entry, amountYen };
}

export function giveBack(id: string, redeemId: string, points: number, time: string): ReversalEntry {
  return { ...base, id, type: 'reversal', reverses: redeemId, reversesType: 'redeem', points, at: at(time) };
}

export const fromEarn12: LedgerPolicy = { expiry: { kind: 'rolling-from-earn', months: 12 } };
export const fromActivity12: LedgerPolicy = { expiry: { kind: 'rolling-from-last-activity', months: 12 } };
export const fixedDate: LedgerPolicy = { expiry: { kind: 'fixed-date' } };
