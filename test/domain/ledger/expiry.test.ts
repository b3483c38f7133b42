import { describe, expect, it } from 'vitest';
import { project, type LedgerEntry, type LedgerPolicy } from '../../../src/domain/ledger/index.ts';
import { at, earn, fixedDate, fromActivity12, fromEarn12, migration, redeem } from './fixtures.ts';

const fromEarn1: LedgerPolicy = { expiry: { kind: 'rolling-from-earn', months: 1 } };
const fromActivity1: LedgerPolicy = { expiry: { kind: 'rolling-from-last-activity', months: 1 } };

function lotDates(entries: readonly LedgerEntry[], policy: LedgerPolicy, now: string): Record<string, string | null> {
  return Object.fromEntries(project(entries, policy, at(now)).lots.map((lot) => [lot.id, lot.expiresOn]));
}

describe('rolling from each earn', () => {
  it.each([
    ['a plain date', '2026-05-10', '2027-05-10', fromEarn12],
    ['Jan 31 + 1 month', '2026-01-31', '2026-02-28', fromEarn1],
    ['Jan 31 + 1 month, leap year', '2028-01-31', '2028-02-29', fromEarn1],
    ['Feb 29 + 12 months', '2028-02-29', '2029-02-28', fromEarn12],
    ['Mar 31 + 1 month', '2026-03-31', '2026-04-30', fromEarn1],
    ['Dec 31 + 1 month', '2026-12-31', '2027-01-31', fromEarn1],
    ['23:30 JST counts as that Japanese day', '2026-01-31T23:30:00+09:00', '2026-02-28', fromEarn1],
    ['00:30 JST (still the previous day in UTC)', '2026-02-01T00:30:00+09:00', '2026-03-01', fromEarn1],
  ])('%s: earned %s expires on %s', (_name, earnedAt, expected, policy) => {
    expect(lotDates([earn('e1', 100, earnedAt)], policy, '2026-01-01')).toEqual({ e1: expected });
  });

  it('gives each lot its own date', () => {
    const entries = [earn('e1', 100, '2026-01-10'), earn('e2', 50, '2026-04-20')];
    expect(lotDates(entries, fromEarn12, '2026-05-01')).toEqual({ e1: '2027-01-10', e2: '2027-04-20' });
  });

  it.each([
    ['the last second of the last day', '2027-01-31T23:59:59.999+09:00', 'available', 100],
    ['midnight JST after it', '2027-02-01T00:00:00+09:00', 'expired', 0],
  ])('points are usable through the whole last day: at %s (%s) the lot is %s', (_name, now, state, available) => {
    const result = project([earn('e1', 100, '2026-01-31')], fromEarn12, now);
    expect(result.lots[0]?.state).toBe(state);
    expect(result.available).toBe(available);
    // Expired points stay in the balance until the expiry job posts the expire entry.
    expect(result.balance).toBe(100);
  });
});

describe('rolling from the last activity', () => {
  it.each<[string, LedgerEntry[], Record<string, string>]>([
    ['one earn', [earn('e1', 100, '2026-01-10')], { e1: '2027-01-10' }],
    ['a later earn extends every lot', [earn('e1', 100, '2026-01-10'), earn('e2', 50, '2026-03-05')], { e1: '2027-03-05', e2: '2027-03-05' }],
    ['a redemption extends too', [earn('e1', 100, '2026-01-10'), redeem('r1', 10, '2026-06-20')], { e1: '2027-06-20' }],
    ['an entry posted late with an older time does not pull the date back', [earn('e1', 100, '2026-06-20'), earn('e2', 50, '2026-03-05')], { e1: '2027-06-20', e2: '2027-06-20' }],
    ['migrated points after the last purchase count from the migration', [earn('e1', 100, '2026-01-10'), migration('m1', 300, '2026-08-01')], { e1: '2027-01-10', m1: '2027-08-01' }],
  ])('%s', (_name, entries, expected) => {
    expect(lotDates(entries, fromActivity12, '2026-09-01')).toEqual(expected);
  });

  it('clamps at month ends: last activity Jan 31 2028 with 1 month keeps points to Feb 29', () => {
    expect(lotDates([earn('e1', 100, '2028-01-10'), redeem('r1', 1, '2028-01-31')], fromActivity1, '2028-02-01')).toEqual({
      e1: '2028-02-29',
    });
  });

  it('does not revive points that expired before the member came back', () => {
    // Expired on 2027-01-10; the expiry job has not run yet when the member earns again.
    const entries = [earn('e1', 100, '2026-01-10'), earn('e2', 40, '2027-02-01')];
    const result = project(entries, fromActivity12, at('2027-02-02'));
    expect(result.lots.map((lot) => [lot.id, lot.expiresOn, lot.state])).toEqual([
      ['e2', '2028-02-01', 'available'],
      ['e1', '2027-01-10', 'expired'],
    ]);
    expect(result.available).toBe(40);
  });

  it('does not let a redemption after expiry spend the expired points', () => {
    const result = project([earn('e1', 100, '2026-01-10'), redeem('r1', 30, '2027-02-01')], fromActivity12, at('2027-02-02'));
    expect(result.debt).toBe(30);
    expect(result.flags).toEqual([{ entryId: 'r1', reason: 'overdraft', points: 30 }]);
  });
});

describe('fixed-date campaign points', () => {
  it.each<[string, LedgerPolicy, Record<string, string | null>]>([
    ['fixed-date policy: only dated lots expire', fixedDate, { camp: '2026-12-31', plain: null }],
    ['rolling from earn: the campaign date wins for its lot', fromEarn12, { camp: '2026-12-31', plain: '2027-11-03' }],
    ['rolling from activity: a later purchase does not extend campaign points', fromActivity12, { camp: '2026-12-31', plain: '2027-11-20' }],
  ])('%s', (_name, policy, expected) => {
    const entries = [
      earn('camp', 200, '2026-11-03', { expiresOn: '2026-12-31' }),
      earn('plain', 50, '2026-11-03'),
      redeem('r1', 1, '2026-11-20'),
    ];
    // r1 takes 1 point from the campaign lot (sooner expiry), which stays open.
    expect(lotDates(entries, policy, '2026-11-21')).toEqual(expected);
  });
});
