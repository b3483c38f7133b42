import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dueExpiries,
  project,
  reversalFor,
  signedPoints,
  type EarnEntry,
  type LedgerEntry,
  type LedgerPolicy,
  type RedeemEntry,
} from '../../../src/domain/ledger/index.ts';
import { adjust, earn, giveBack, migration, redeem, takeBack, transferIn, transferOut } from './fixtures.ts';

/**
 * Random ledgers, posted in an order whose times jump back and forth the way
 * offline tablets' entries do, with the expiry job run at random moments.
 * Whatever happens, the projection must account for every point.
 */
const START = Date.parse('2025-01-01T00:00:00+09:00');
const time = (minutes: number): string => new Date(START + minutes * 60_000).toISOString();
const minutes = fc.integer({ min: 0, max: 3 * 365 * 24 * 60 });
const points = fc.integer({ min: 1, max: 500 });

const policy: fc.Arbitrary<LedgerPolicy> = fc.record({
  expiry: fc.oneof(
    fc.record({ kind: fc.constant('rolling-from-last-activity' as const), months: fc.integer({ min: 1, max: 24 }) }),
    fc.record({ kind: fc.constant('rolling-from-earn' as const), months: fc.integer({ min: 1, max: 24 }) }),
    fc.record({ kind: fc.constant('fixed-date' as const) }),
  ),
  vestingDays: fc.integer({ min: 0, max: 14 }),
});

const op = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('earn' as const), points, at: minutes, campaignDays: fc.option(fc.integer({ min: 0, max: 400 })) }), weight: 5 },
  { arbitrary: fc.record({ kind: fc.constant('redeem' as const), points, at: minutes }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constantFrom('migration' as const, 'transfer_in' as const, 'transfer_out' as const), points, at: minutes }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('adjust' as const), credit: fc.boolean(), points, at: minutes }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constantFrom('take-back' as const, 'give-back' as const), pick: fc.nat(), points, at: minutes }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('return' as const), pick: fc.nat(), yen: fc.option(fc.integer({ min: 0, max: 20_000 })), at: minutes }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('expiry-job' as const), at: minutes }), weight: 2 },
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

function pick<T>(list: readonly T[], n: number): T | undefined {
  return list.length === 0 ? undefined : list[n % list.length];
}

function build(ops: readonly Op[], rules: LedgerPolicy): LedgerEntry[] {
  const entries: LedgerEntry[] = [];
  const earns: EarnEntry[] = [];
  const redeems: RedeemEntry[] = [];
  ops.forEach((o, i) => {
    const id = `x${i}`;
    const at = time(o.at);
    switch (o.kind) {
      case 'earn': {
        const entry = earn(id, o.points, at, {
          ref: `R${i}`,
          amountYen: o.points * 100 + (i % 100),
          ...(o.campaignDays === null ? {} : { expiresOn: time(o.at + o.campaignDays * 1440).slice(0, 10) }),
        });
        earns.push(entry);
        entries.push(entry);
        return;
      }
      case 'redeem': {
        const entry = redeem(id, o.points, at);
        redeems.push(entry);
        entries.push(entry);
        return;
      }
      case 'migration':
        entries.push(migration(id, o.points, at));
        return;
      case 'transfer_in':
        entries.push(transferIn(id, o.points, at));
        return;
      case 'transfer_out':
        entries.push(transferOut(id, o.points, at));
        return;
      case 'adjust':
        entries.push(adjust(id, o.credit ? 'credit' : 'debit', o.points, at));
        return;
      case 'take-back': {
        const target = pick(earns, o.pick);
        if (target) entries.push(takeBack(id, target.id, o.points, at));
        return;
      }
      case 'give-back': {
        const target = pick(redeems, o.pick);
        if (target) entries.push(giveBack(id, target.id, o.points, at));
        return;
      }
      case 'return': {
        const target = pick(earns, o.pick);
        const ref = target?.ref;
        if (!target || ref === undefined) return;
        const plan = reversalFor({ entries, ref, ...(o.yen === null ? {} : { returnedAmountYen: o.yen }) });
        if (!plan.ok) return;
        const before = entries.filter((e) => e.type === 'reversal' && e.reverses === target.id).reduce((s, e) => s + e.points, 0);
        expect(plan.pointsTakenBack).toBeLessThanOrEqual(Math.max(0, target.points - before));
        plan.takeBack.forEach((draft, k) => entries.push({ ...draft, id: `${id}-${k}`, at, channel: 'store', shopId: 's', ref }));
        return;
      }
      case 'expiry-job': {
        const due = dueExpiries(entries, rules, at);
        entries.push(...due);
        // The job run again at the same moment finds nothing left to post.
        expect(dueExpiries(entries, rules, at)).toEqual([]);
        return;
      }
    }
  });
  return entries;
}

function accountsForEveryPoint(rules: LedgerPolicy, ops: readonly Op[], now: number): void {
  const entries = build(ops, rules);
  const projection = project(entries, rules, time(now));
  const lotSum = projection.lots.reduce((sum, lot) => sum + lot.remaining, 0);

  expect(projection.balance).toBe(entries.reduce((sum, e) => sum + signedPoints(e), 0));
  expect(lotSum - projection.debt).toBe(projection.balance);
  expect(projection.debt).toBeGreaterThanOrEqual(0);
  for (const lot of projection.lots) {
    expect(lot.remaining).toBeGreaterThan(0);
    expect(lot.remaining).toBeLessThanOrEqual(lot.points);
  }
  expect(projection.available).toBeGreaterThanOrEqual(0);
  expect(projection.available).toBeLessThanOrEqual(Math.max(0, projection.balance));
  expect(projection).toEqual(project(entries, rules, time(now)));
}

describe('the projection accounts for every point', () => {
  it('for random ledgers, policies and moments', () => {
    fc.assert(fc.property(policy, fc.array(op, { maxLength: 60, size: 'max' }), minutes, accountsForEveryPoint), { numRuns: 300 });
  }, 60_000);

  // Seeds that once failed, kept as they were shrunk.
  it('seed 28671395: a give-back dated before an expiry, posted after the job, does not reopen the expired lot', () => {
    accountsForEveryPoint(
      { expiry: { kind: 'rolling-from-last-activity', months: 1 }, vestingDays: 0 },
      [
        { kind: 'earn', points: 2, at: 0, campaignDays: 1 },
        { kind: 'redeem', points: 1, at: 0 },
        { kind: 'expiry-job', at: 1440 },
        { kind: 'give-back', pick: 0, points: 1, at: 0 },
        { kind: 'expiry-job', at: 1440 },
      ],
      0,
    );
  });
});
