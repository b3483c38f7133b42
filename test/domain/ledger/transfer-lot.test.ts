import { describe, expect, it } from 'vitest';
import { project, type LedgerEntry, type LedgerPolicy } from '../../../src/domain/ledger/index.ts';
import { toLedgerEntry } from '../../../src/domain/points.ts';

/**
 * A merge (名寄せ) moves a member's points lot by lot: a transfer_out that
 * names a lot takes its points from that lot, not from the soonest-expiring
 * one, so each lot's expiry travels with its points (and an undo can take
 * back exactly the lot the merge gave).
 */
const POLICY: LedgerPolicy = { expiry: { kind: 'rolling-from-earn', months: 12 } };
const base = { channel: 'store', shopId: 'shop-a' } as const;
const soon: LedgerEntry = { ...base, id: 'lot-soon', type: 'earn', points: 100, amountYen: 10_000, at: '2026-01-10T10:00:00+09:00', expiresOn: '2026-03-31' };
const later: LedgerEntry = { ...base, id: 'lot-later', type: 'transfer_in', points: 300, at: '2026-02-01T10:00:00+09:00', expiresOn: '2026-12-31' };
const NOW = '2026-02-10T10:00:00+09:00';

const lots = (entries: LedgerEntry[]) => project(entries, POLICY, NOW).lots.map((lot) => [lot.id, lot.remaining, lot.expiresOn]);

describe('transfer_out naming a lot', () => {
  it('takes from the named lot, leaving the sooner-expiring one alone', () => {
    const out: LedgerEntry = { ...base, id: 'merge:m:0:back-out', type: 'transfer_out', points: 300, at: NOW, lotId: 'lot-later' };
    expect(lots([soon, later, out])).toEqual([['lot-soon', 100, '2026-03-31']]);
  });

  it('without a lot, or beyond it, is an ordinary debit in consumption order', () => {
    const plain: LedgerEntry = { ...base, id: 'plain-out-1', type: 'transfer_out', points: 150, at: NOW };
    expect(lots([soon, later, plain])).toEqual([['lot-later', 250, '2026-12-31']]);
    const beyond: LedgerEntry = { ...base, id: 'beyond-out', type: 'transfer_out', points: 350, at: NOW, lotId: 'lot-later' };
    expect(lots([soon, later, beyond])).toEqual([['lot-soon', 50, '2026-03-31']]);
  });

  it('keeps the lot through the wire bridge', () => {
    const entry = toLedgerEntry({ ...base, id: 'merge:m:0:out', memberId: 'm', type: 'transfer_out', points: 5, amountYen: 0, deviceId: '', staffId: '', ref: '', lotId: 'lot-later', createdAt: NOW });
    expect(entry).toMatchObject({ type: 'transfer_out', lotId: 'lot-later' });
  });
});
