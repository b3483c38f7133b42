import type { KpiReport } from '../../../src/protocol/index.ts';

/** The raw rows the KPIs are read from, as a test selects them (select … from the tables, no aggregation). */
export interface LedgerRows {
  entries: { memberId: string; type: string; points: number; amountYen: number; channel: string; shopId: string; at: number; deleted: boolean; direction: string | null; reversesType: string | null }[];
  members: { id: string; homeShopId: string; registeredAt: number; deleted: boolean }[];
  purchases: { memberId: string; channel: string; shopId: string; at: number; deleted: boolean }[];
  /** point_accounts.rank by member id. */
  ranks: Map<string, string>;
}

export interface KpiFilter {
  from: string;
  to: string;
  shopId: string | null;
  channel: 'store' | 'ec' | null;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** JST is UTC+9 all year; written here from scratch rather than borrowed from the server. */
const jstDay = (ms: number): string => new Date(ms + 9 * HOUR_MS).toISOString().slice(0, 10);
const midnightJst = (date: string): number => Date.parse(`${date}T00:00:00+09:00`);

/**
 * The KPI definitions of src/protocol/kpi-api.ts, computed in plain
 * TypeScript loops over rows: an independent second reading of the same
 * words, so a wrong join or filter in the server's SQL shows as a difference.
 */
export function recomputeKpis(rows: LedgerRows, f: KpiFilter): KpiReport {
  const start = midnightJst(f.from);
  const end = midnightJst(f.to) + DAY_MS;
  const days = Math.round((end - start) / DAY_MS);
  const granularity = days <= 92 ? 'day' : 'month';
  const bucketOf = (ms: number) => (granularity === 'day' ? jstDay(ms) : jstDay(ms).slice(0, 7));
  const inPeriod = (ms: number) => ms >= start && ms < end;
  const live = rows.entries.filter((e) => !e.deleted);
  const matches = (e: { shopId: string; channel: string }) => (f.shopId === null || e.shopId === f.shopId) && (f.channel === null || e.channel === f.channel);
  const period = live.filter((e) => inPeriod(e.at) && matches(e));

  const buckets: string[] = [];
  for (let ms = start; ms < end; ms += DAY_MS) {
    const b = bucketOf(ms);
    if (!buckets.includes(b)) buckets.push(b);
  }
  const sum = (list: typeof period, type: string) => list.filter((e) => e.type === type).reduce((s, e) => s + e.points, 0);
  const active = (list: typeof period) => new Set(list.filter((e) => e.type === 'earn' || e.type === 'redeem').map((e) => e.memberId)).size;

  const registrationChannel = (m: LedgerRows['members'][number]) => (m.homeShopId === '' ? 'ec' : 'store');
  const newMembers = rows.members.filter(
    (m) => !m.deleted && inPeriod(m.registeredAt) && (f.shopId === null || m.homeShopId === f.shopId) && (f.channel === null || registrationChannel(m) === f.channel),
  );

  const signed = (e: LedgerRows['entries'][number]): number => {
    const credit =
      ['earn', 'migration', 'transfer_in'].includes(e.type) ||
      (e.type === 'adjust' && e.direction === 'credit') ||
      (e.type === 'reversal' && e.reversesType === 'redeem');
    return credit ? e.points : -e.points;
  };

  // Cross-channel: a purchase is an earn entry or a purchases row; the shop filter narrows the store side only.
  const channelsOf = new Map<string, Set<string>>();
  const bought = (memberId: string, channel: string, shopId: string, at: number) => {
    if (!inPeriod(at) || (channel === 'store' && f.shopId !== null && shopId !== f.shopId)) return;
    channelsOf.set(memberId, (channelsOf.get(memberId) ?? new Set()).add(channel));
  };
  for (const e of live) if (e.type === 'earn') bought(e.memberId, e.channel, e.shopId, e.at);
  for (const p of rows.purchases) if (!p.deleted) bought(p.memberId, p.channel, p.shopId, p.at);
  const crossChannel = [...channelsOf.values()].filter((channels) => channels.size === 2).length;

  const earned = sum(period, 'earn');
  const redeemed = sum(period, 'redeem');

  const rankStats = new Map<string, { members: Set<string>; spend: number; visits: number }>();
  for (const e of period.filter((x) => x.type === 'earn')) {
    const rank = rows.ranks.get(e.memberId) ?? 'regular';
    const stats = rankStats.get(rank) ?? { members: new Set<string>(), spend: 0, visits: 0 };
    stats.members.add(e.memberId);
    stats.spend += e.amountYen;
    stats.visits += 1;
    rankStats.set(rank, stats);
  }

  const earnsOfMember = new Map<string, typeof live>();
  for (const e of live.filter((x) => x.type === 'earn' && matches(x))) earnsOfMember.set(e.memberId, [...(earnsOfMember.get(e.memberId) ?? []), e]);
  const cohorts = new Map<string, { members: number; spend: number }>();
  for (const earns of earnsOfMember.values()) {
    const first = Math.min(...earns.map((e) => e.at));
    if (!inPeriod(first)) continue;
    const month = jstDay(first).slice(0, 7);
    const cohort = cohorts.get(month) ?? { members: 0, spend: 0 };
    cohort.members += 1;
    cohort.spend += earns.filter((e) => e.at < end).reduce((s, e) => s + e.amountYen, 0);
    cohorts.set(month, cohort);
  }
  const byKey = <T>(map: Map<string, T>) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

  return {
    query: { from: f.from, to: f.to, shopId: f.shopId, channel: f.channel },
    granularity,
    totals: {
      activeMembers: active(period),
      newMembers: { store: newMembers.filter((m) => registrationChannel(m) === 'store').length, ec: newMembers.filter((m) => registrationChannel(m) === 'ec').length },
      pointsEarned: earned,
      pointsRedeemed: redeemed,
      pointsExpired: sum(period, 'expire'),
      redemptionRate: earned === 0 ? null : redeemed / earned,
      liability: live.filter((e) => e.at < end).reduce((s, e) => s + signed(e), 0),
      crossChannelMembers: crossChannel,
      purchasingMembers: channelsOf.size,
      crossChannelShare: channelsOf.size === 0 ? null : crossChannel / channelsOf.size,
    },
    series: buckets.map((bucket) => {
      const inBucket = period.filter((e) => bucketOf(e.at) === bucket);
      const joined = newMembers.filter((m) => bucketOf(m.registeredAt) === bucket);
      return {
        bucket,
        activeMembers: active(inBucket),
        newMembersStore: joined.filter((m) => registrationChannel(m) === 'store').length,
        newMembersEc: joined.filter((m) => registrationChannel(m) === 'ec').length,
        pointsEarned: sum(inBucket, 'earn'),
        pointsRedeemed: sum(inBucket, 'redeem'),
        pointsExpired: sum(inBucket, 'expire'),
      };
    }),
    byRank: byKey(rankStats).map(([rank, s]) => ({ rank, members: s.members.size, avgSpendYen: s.spend / s.members.size, visitFrequency: s.visits / s.members.size })),
    cohorts: byKey(cohorts).map(([month, c]) => ({ month, members: c.members, spendYen: c.spend, ltvYen: c.spend / c.members })),
  };
}
