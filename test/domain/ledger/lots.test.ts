import { describe, expect, it } from 'vitest';
import { project, type LedgerEntry, type LedgerPolicy } from '../../../src/domain/ledger/index.ts';
import { adjust, at, earn, fixedDate, fromActivity12, fromEarn12, migration, redeem, transferIn, transferOut } from './fixtures.ts';

function remaining(entries: readonly LedgerEntry[], policy: LedgerPolicy, now: string): Record<string, number> {
  return Object.fromEntries(project(entries, policy, at(now)).lots.map((lot) => [lot.id, lot.remaining]));
}

describe('consumption takes the soonest-expiring lot first', () => {
  it.each<[string, LedgerPolicy, LedgerEntry[], Record<string, number>]>([
    ['oldest first when dates follow earn order', fromEarn12, [earn('e1', 50, '2026-01-10'), earn('e2', 50, '2026-02-10'), redeem('r', 70, '2026-03-01')], { e2: 30 }],
    [
      'a campaign lot expiring sooner goes before an older lot',
      fromEarn12,
      [earn('old', 50, '2026-01-10'), earn('camp', 50, '2026-02-10', { expiresOn: '2026-03-31' }), redeem('r', 60, '2026-03-01')],
      { old: 40 },
    ],
    [
      'same expiry date: the oldest first (rolling from activity)',
      fromActivity12,
      [earn('e2', 50, '2026-02-10'), earn('e1', 50, '2026-01-10'), redeem('r', 60, '2026-03-01')],
      { e2: 40 },
    ],
    [
      'same date and same time: posting order',
      fromEarn12,
      [earn('x', 50, '2026-02-10'), earn('y', 50, '2026-02-10'), redeem('r', 60, '2026-03-01')],
      { y: 40 },
    ],
    [
      'lots that never expire go last',
      fixedDate,
      [earn('plain', 50, '2026-01-10'), earn('camp', 50, '2026-02-10', { expiresOn: '2026-12-31' }), redeem('r', 60, '2026-03-01')],
      { plain: 40 },
    ],
    [
      'migrated, transferred and adjusted points are lots like any other',
      fromEarn12,
      [migration('m', 30, '2026-01-05'), transferIn('t', 30, '2026-01-06', { expiresOn: '2026-06-30' }), adjust('a', 'credit', 30, '2026-01-07'), redeem('r', 40, '2026-02-01')],
      { m: 20, a: 30 },
    ],
    [
      'transfers out and debit adjustments consume the same way',
      fromEarn12,
      [earn('e1', 50, '2026-01-10'), earn('e2', 50, '2026-02-10'), transferOut('o', 20, '2026-03-01'), adjust('a', 'debit', 40, '2026-03-02')],
      { e2: 40 },
    ],
    ['an expired lot is skipped', fromEarn12, [earn('e1', 50, '2025-01-10'), earn('e2', 50, '2026-02-10'), redeem('r', 20, '2026-03-01')], { e2: 30, e1: 50 }],
  ])('%s', (_name, policy, entries, expected) => {
    expect(remaining(entries, policy, '2026-03-05')).toEqual(expected);
  });
});

describe('vesting', () => {
  const vest7: LedgerPolicy = { ...fromEarn12, vestingDays: 7 };

  it.each([
    ['just before N days', '2026-03-08T09:59:59.999+09:00', 0, 'unvested'],
    ['exactly N days later', '2026-03-08T10:00:00+09:00', 100, 'available'],
  ])('earned points are not redeemable until N days after the earn: %s', (_name, now, available, state) => {
    const projection = project([earn('e1', 100, '2026-03-01T10:00:00+09:00')], vest7, now);
    expect(projection.available).toBe(available);
    expect(projection.balance).toBe(100);
    expect(projection.lots[0]?.state).toBe(state);
  });

  it('vests by default immediately', () => {
    expect(project([earn('e1', 100, '2026-03-01')], fromEarn12, at('2026-03-01')).available).toBe(100);
  });

  it('does not hold back migrated or transferred points', () => {
    expect(project([migration('m', 100, '2026-03-01'), transferIn('t', 10, '2026-03-01')], vest7, at('2026-03-02')).available).toBe(110);
  });

  it('spends vested points first, and unvested ones only before going into debt', () => {
    const entries = [earn('old', 30, '2026-02-01'), earn('new', 50, '2026-03-01'), redeem('r', 40, '2026-03-02')];
    const projection = project(entries, vest7, at('2026-03-02'));
    expect(projection.lots.map((lot) => [lot.id, lot.remaining, lot.state])).toEqual([['new', 40, 'unvested']]);
    expect(projection.debt).toBe(0);
    expect(projection.flags).toEqual([]);
  });
});
