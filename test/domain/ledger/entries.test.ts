import { describe, expect, it } from 'vitest';
import { direction, isActivity, lotSource, signedPoints, type LedgerEntry } from '../../../src/domain/ledger/index.ts';
import { adjust, earn, expire, giveBack, migration, redeem, takeBack, transferIn, transferOut } from './fixtures.ts';

describe('entry types', () => {
  it.each<[string, LedgerEntry, number, string | null, boolean]>([
    ['earn', earn('e', 10, '2026-01-01'), 10, 'earn', true],
    ['redeem', redeem('r', 10, '2026-01-01'), -10, null, true],
    ['expire', expire('x', 'e', 10, '2026-01-01'), -10, null, false],
    ['adjust credit', adjust('a', 'credit', 10, '2026-01-01'), 10, 'adjust', false],
    ['adjust debit', adjust('a', 'debit', 10, '2026-01-01'), -10, null, false],
    ['reversal of an earn', takeBack('t', 'e', 10, '2026-01-01'), -10, null, false],
    ['reversal of a redemption', giveBack('g', 'r', 10, '2026-01-01'), 10, 'restore', false],
    ['migration', migration('m', 10, '2026-01-01'), 10, 'migration', false],
    ['transfer in', transferIn('i', 10, '2026-01-01'), 10, 'transfer_in', false],
    ['transfer out', transferOut('o', 10, '2026-01-01'), -10, null, false],
  ])('%s: balance %i, lot %s, activity %s', (_name, entry, signed, source, activity) => {
    expect(signedPoints(entry)).toBe(signed);
    expect(direction(entry)).toBe(signed > 0 ? 'credit' : 'debit');
    expect(lotSource(entry)).toBe(source);
    expect(isActivity(entry)).toBe(activity);
  });
});
