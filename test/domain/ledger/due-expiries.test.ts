import { describe, expect, it } from 'vitest';
import { dueExpiries, expiringWithin, expiryKey, project, type LedgerEntry } from '../../../src/domain/ledger/index.ts';
import { at, earn, expire, fromActivity12, fromEarn12, redeem } from './fixtures.ts';

const ledger: LedgerEntry[] = [
  earn('e1', 100, '2026-01-31'),
  earn('e2', 60, '2026-03-15', { channel: 'ec', shopId: 'ec' }),
  earn('e3', 10, '2026-09-01'),
  redeem('r1', 30, '2026-04-01'),
];

describe('dueExpiries', () => {
  it('posts each expired lot once, with what is left in it, at the moment it expired', () => {
    expect(dueExpiries(ledger, fromEarn12, at('2027-03-20'))).toEqual([
      {
        id: 'expire:e1:2027-01-31',
        type: 'expire',
        lotId: 'e1',
        expiresOn: '2027-01-31',
        points: 70,
        at: '2027-01-31T15:00:00.000Z',
        channel: 'store',
        shopId: 'shop-shibuya',
      },
      {
        id: 'expire:e2:2027-03-15',
        type: 'expire',
        lotId: 'e2',
        expiresOn: '2027-03-15',
        points: 60,
        at: '2027-03-15T15:00:00.000Z',
        channel: 'ec',
        shopId: 'ec',
      },
    ]);
  });

  it.each([
    ['the day before', '2027-01-30', []],
    ['on the last usable day', '2027-01-31T23:59:59+09:00', []],
    ['the moment after', '2027-02-01T00:00:00+09:00', ['expire:e1:2027-01-31']],
  ])('is due only once the last day is over: %s', (_name, now, ids) => {
    expect(dueExpiries(ledger, fromEarn12, at(now)).map((e) => e.id)).toEqual(ids);
  });

  it('gives the same keys on every run, so a job run twice posts nothing twice', () => {
    const first = dueExpiries(ledger, fromEarn12, at('2027-03-20'));
    const second = dueExpiries(ledger, fromEarn12, at('2027-04-02'));
    expect(second.map((e) => e.id)).toEqual(first.map((e) => e.id));
    expect(expiryKey('e1', '2027-01-31')).toBe(first[0]?.id);
  });

  it('has nothing more to post once its entries are posted, and the balance drops by exactly them', () => {
    const due = dueExpiries(ledger, fromEarn12, at('2027-03-20'));
    const after = [...ledger, ...due];
    expect(dueExpiries(after, fromEarn12, at('2027-03-21'))).toEqual([]);
    const projection = project(after, fromEarn12, at('2027-03-21'));
    expect(projection.balance).toBe(10);
    expect(projection.flags).toEqual([]);
  });

  it('expires every lot together under rolling-from-last-activity', () => {
    const due = dueExpiries(ledger, fromActivity12, at('2027-09-02'));
    expect(due.map((e) => [e.id, e.points])).toEqual([
      ['expire:e1:2027-09-01', 70],
      ['expire:e2:2027-09-01', 60],
      ['expire:e3:2027-09-01', 10],
    ]);
  });

  it('flags an expire entry that asks for more than its lot holds, without touching valid points', () => {
    const entries = [earn('e1', 100, '2026-01-10'), earn('e2', 50, '2026-06-01'), expire('x1', 'e1', 120, '2027-01-10')];
    const projection = project(entries, fromEarn12, at('2027-01-11'));
    expect(projection.flags).toEqual([{ entryId: 'x1', reason: 'expire-mismatch', points: 20 }]);
    expect(projection.lots.map((lot) => [lot.id, lot.remaining])).toEqual([['e2', 50]]);
    expect(projection.debt).toBe(20);
    expect(projection.balance).toBe(30);
  });
});

describe('expiringWithin', () => {
  const lots = project(
    [earn('a', 10, '2025-11-20'), earn('b', 20, '2025-12-01'), earn('c', 30, '2025-12-01'), earn('d', 40, '2025-12-02'), earn('z', 5, '2025-10-31')],
    fromEarn12,
    at('2026-11-01'),
  ).lots;

  it.each([
    [30, 60, [{ expiresOn: '2026-11-20', points: 10 }, { expiresOn: '2026-12-01', points: 50 }]],
    [19, 10, [{ expiresOn: '2026-11-20', points: 10 }]],
    [31, 100, [{ expiresOn: '2026-11-20', points: 10 }, { expiresOn: '2026-12-01', points: 50 }, { expiresOn: '2026-12-02', points: 40 }]],
    [0, 0, []],
  ])('within %i days of Nov 1: %i points', (days, points, byDate) => {
    expect(expiringWithin(lots, at('2026-11-01'), days)).toEqual({ points, byDate });
  });

  it('looks 30 days ahead by default and leaves out points that have already expired', () => {
    expect(expiringWithin(lots, at('2026-11-01')).points).toBe(60);
  });
});
