import { describe, expect, it } from 'vitest';
import { expiringSoon, isPending, offlineRedeemedOn, redeemLimit, shownBalance } from '../../src/domain/balance.ts';
import { DEFAULT_POINTS_POLICY, type PointAccount, type PointEntry } from '../../src/protocol/index.ts';

const NOW = '2026-11-20T12:00:00.000+09:00';

const account: PointAccount = {
  id: 'm1',
  memberId: 'm1',
  balance: 500,
  available: 500,
  debt: 0,
  lots: [
    { expiresOn: '2026-12-01', points: 120 },
    { expiresOn: '2027-06-30', points: 380 },
  ],
  rank: 'regular',
  flaggedEntryIds: [],
  postedThrough: 10,
  updatedAt: '2026-11-01T00:00:00.000Z',
};

let counter = 0;
function entry(type: PointEntry['type'], points: number, postingNo?: number, extra: Partial<PointEntry> = {}): PointEntry {
  counter += 1;
  const base: PointEntry = {
    id: `entry-${String(counter).padStart(4, '0')}`,
    memberId: 'm1',
    type,
    points,
    amountYen: 0,
    channel: 'store',
    shopId: 'shop-shibuya',
    deviceId: 'd1',
    staffId: '',
    ref: '',
    createdAt: '2026-11-20T10:00:00.000+09:00',
    ...extra,
  };
  return postingNo === undefined ? base : { ...base, postingNo, postedAt: '2026-11-20T10:00:01.000+09:00' };
}

describe('isPending', () => {
  it('is pending until the server gives a posting number', () => {
    expect(isPending(entry('earn', 1), account)).toBe(true);
  });

  it('is pending while posted but not yet counted in the account', () => {
    expect(isPending(entry('earn', 1, 11), account)).toBe(true);
    expect(isPending(entry('earn', 1, 10), account)).toBe(false);
  });

  it('is pending when no account has arrived yet', () => {
    expect(isPending(entry('earn', 1, 1), null)).toBe(true);
  });
});

describe('shownBalance', () => {
  it('adds entries the server has not counted to the posted balance', () => {
    const shown = shownBalance(account, [entry('earn', 100, 9), entry('earn', 30), entry('redeem', 50, 11)]);
    expect(shown).toEqual({ total: 480, posted: 500, pending: -20, pendingCount: 2, available: 450, pendingSpends: 50 });
  });

  it('shows a new member with only local entries, nothing spendable yet', () => {
    expect(shownBalance(null, [entry('earn', 12)])).toEqual({
      total: 12,
      posted: 0,
      pending: 12,
      pendingCount: 1,
      available: 0,
      pendingSpends: 0,
    });
  });

  it('does not count an entry twice once the account includes it', () => {
    const before = shownBalance(account, [entry('earn', 30)]);
    const after = shownBalance({ ...account, balance: 530, postedThrough: 11 }, [entry('earn', 30, 11)]);
    expect(before.total).toBe(530);
    expect(after.total).toBe(530);
    expect(after.pendingCount).toBe(0);
  });

  it.each<[string, () => PointEntry[], number, number]>([
    ['a return of a posted earn', () => [entry('reversal', 40, undefined, { reverses: 'posted-earn', reversesType: 'earn' })], -40, 40],
    ['a refund of a redemption (a credit: not spendable until posted)', () => [entry('reversal', 40, undefined, { reverses: 'r', reversesType: 'redeem' })], 40, 0],
    ['a migrated card (a credit)', () => [entry('migration', 40)], 40, 0],
    ['a debit adjustment posted after the account', () => [entry('adjust', 40, 12, { direction: 'debit' })], -40, 40],
    ['an expiry posted after the account', () => [entry('expire', 40, 12, { lotId: 'l', expiresOn: '2026-11-19' })], -40, 40],
    ['a merge out', () => [entry('transfer_out', 40, 12)], -40, 40],
  ])('counts %s by its sign', (_name, make, pending, spends) => {
    const shown = shownBalance(account, make());
    expect(shown.pending).toBe(pending);
    expect(shown.pendingSpends).toBe(spends);
    expect(shown.available).toBe(500 - spends);
  });

  it('does not take a return of a still-pending earn off what is spendable: those points never were', () => {
    const earn = entry('earn', 40, undefined, { amountYen: 4_000 });
    const back = entry('reversal', 40, undefined, { reverses: earn.id, reversesType: 'earn', amountYen: 4_000 });
    expect(shownBalance(account, [earn, back])).toMatchObject({ total: 500, pendingSpends: 0, available: 500 });
  });

  it('never shows less than nothing available', () => {
    expect(shownBalance({ ...account, available: 30 }, [entry('redeem', 50)]).available).toBe(0);
  });

  it('keeps an overdraft visible in the total', () => {
    const overdrawn = { ...account, balance: -50, available: 0, debt: 50, lots: [] };
    expect(shownBalance(overdrawn, [])).toMatchObject({ total: -50, available: 0 });
  });
});

describe('expiringSoon', () => {
  it('sums the lots whose last day is within 30 days (JST), soonest first', () => {
    expect(expiringSoon(account, 0, NOW)).toEqual({ points: 120, byDate: [{ expiresOn: '2026-12-01', points: 120 }] });
  });

  it('takes pending spends off the soonest-expiring lots first, as the server will', () => {
    expect(expiringSoon(account, 100, NOW).points).toBe(20);
    expect(expiringSoon(account, 200, NOW).points).toBe(0);
  });

  it('includes the last day of the window and never-expiring points never', () => {
    const lots = [
      { expiresOn: '2026-12-20', points: 5 },
      { expiresOn: '2026-12-21', points: 7 },
      { expiresOn: null, points: 9 },
    ];
    expect(expiringSoon({ ...account, lots }, 0, NOW)).toEqual({ points: 5, byDate: [{ expiresOn: '2026-12-20', points: 5 }] });
  });

  it('is nothing without an account', () => {
    expect(expiringSoon(null, 0, NOW).points).toBe(0);
  });
});

describe('offlineRedeemedOn', () => {
  it('counts today’s (JST) offline redemptions only', () => {
    const entries = [
      entry('redeem', 100, undefined, { offline: true }),
      entry('redeem', 200, 12, { offline: true, at: '2026-11-20T00:30:00.000+09:00' }),
      // 23:30 UTC on the 19th is 08:30 JST on the 20th: today.
      entry('redeem', 300, undefined, { offline: true, createdAt: '2026-11-19T23:30:00.000Z' }),
      // Yesterday in Japan, though the same UTC date.
      entry('redeem', 400, undefined, { offline: true, createdAt: '2026-11-19T14:00:00.000Z' }),
      entry('redeem', 500),
      entry('earn', 600, undefined, { offline: true }),
    ];
    expect(offlineRedeemedOn(entries, NOW)).toBe(600);
  });
});

describe('redeemLimit', () => {
  const policy = { offline: { perTransactionCap: 300, perMemberDailyOfflineCap: 400 } };

  it('online, is what the member has available now', () => {
    expect(redeemLimit({ offline: false, account, entries: [entry('redeem', 50)], policy, now: NOW })).toEqual({ limit: 450, bound: 'online' });
  });

  it.each<[string, Partial<PointAccount>, () => PointEntry[], number, string]>([
    ['the per-transaction cap', {}, () => [], 300, 'per-transaction-cap'],
    ['the daily cap less today’s offline redemptions', {}, () => [entry('redeem', 250, undefined, { offline: true })], 150, 'daily-offline-cap'],
    ['the synced balance less pending spends', { available: 260 }, () => [entry('redeem', 60, undefined, { offline: true })], 200, 'balance'],
  ])('offline, is bound by %s', (_name, accountChange, entries, limit, bound) => {
    expect(redeemLimit({ offline: true, account: { ...account, ...accountChange }, entries: entries(), policy, now: NOW })).toEqual({
      limit,
      bound,
    });
  });

  it('offline, gives nothing for a member this tablet has no account of', () => {
    expect(redeemLimit({ offline: true, account: null, entries: [], policy: DEFAULT_POINTS_POLICY, now: NOW })).toEqual({ limit: 0, bound: 'balance' });
  });
});
