import { addDays, addMonths, endOfDay, startOfDay } from '../../src/domain/ledger/index.ts';
import {
  KPI_DAILY_MAX_DAYS,
  kpiPeriodDays,
  TenpoError,
  type KpiBucket,
  type KpiQuery,
  type KpiReport,
} from '../../src/protocol/index.ts';
import type { Queryable } from '../store/sql.ts';
import { int, text } from './rows.ts';

/**
 * The HQ dashboard's figures (issue 10), each defined in
 * src/protocol/kpi-api.ts. Straight SQL over the ledger, members and
 * purchases: a year of a chain's entries is aggregated in the database, not
 * carried to Node. JST days without a time-zone database: UTC + 9 hours
 * (Japan keeps no daylight saving), as src/domain/ledger/calendar.ts does.
 */
export async function kpiReport(sql: Queryable, query: KpiQuery): Promise<KpiReport> {
  const shopId = query.shopId ?? null;
  const channel = query.channel ?? null;
  if (shopId !== null) await requireShop(sql, shopId);
  const granularity = kpiPeriodDays(query.from, query.to) <= KPI_DAILY_MAX_DAYS ? 'day' : 'month';
  const start = new Date(startOfDay(query.from)).toISOString();
  const end = new Date(endOfDay(query.to)).toISOString();
  const period = [start, end, shopId, channel];
  const bucketOf = (column: string) => `to_char((${column} at time zone 'UTC') + interval '9 hours', '${granularity === 'day' ? 'YYYY-MM-DD' : 'YYYY-MM'}')`;

  const [entryTotals, entrySeries, newMembers, liability, cross, byRank, cohorts] = await Promise.all([
    sql.query(`select ${ENTRY_FIGURES} from point_entries where ${inPeriod()}`, period),
    sql.query(`select ${bucketOf('at')} as bucket, ${ENTRY_FIGURES} from point_entries where ${inPeriod()} group by 1`, period),
    sql.query(
      `select ${bucketOf('registered_at')} as bucket, count(*) filter (where home_shop_id <> '') as store, count(*) filter (where home_shop_id = '') as ec
         from members
        where not deleted and registered_at >= $1::timestamptz and registered_at < $2::timestamptz
          and ($3::text is null or home_shop_id = $3)
          and ($4::text is null or (case when home_shop_id = '' then 'ec' else 'store' end) = $4)
        group by 1`,
      period,
    ),
    sql.query(`select coalesce(sum(${SIGNED_POINTS}), 0) as points from point_entries where not deleted and at < $1::timestamptz`, [end]),
    sql.query(CROSS_CHANNEL, [start, end, shopId]),
    sql.query(
      `select coalesce(a.rank, 'regular') as rank, count(distinct e.member_id) as members, sum(e.amount_yen) as spend, count(*) as visits
         from point_entries e left join point_accounts a on a.member_id = e.member_id
        where e.type = 'earn' and ${inPeriod('e.')}
        group by 1 order by 1`,
      period,
    ),
    sql.query(COHORTS, period),
  ]);

  const figures = entryTotals.rows[0] ?? {};
  const earned = int(figures.earned);
  const redeemed = int(figures.redeemed);
  const newStore = newMembers.rows.reduce((sum, row) => sum + int(row.store), 0);
  const newEc = newMembers.rows.reduce((sum, row) => sum + int(row.ec), 0);
  const purchasing = int(cross.rows[0]?.purchasing);
  const crossChannel = int(cross.rows[0]?.cross_channel);
  const entriesBy = new Map(entrySeries.rows.map((row) => [text(row.bucket), row]));
  const newBy = new Map(newMembers.rows.map((row) => [text(row.bucket), row]));

  return {
    query: { from: query.from, to: query.to, shopId, channel },
    granularity,
    totals: {
      activeMembers: int(figures.active),
      newMembers: { store: newStore, ec: newEc },
      pointsEarned: earned,
      pointsRedeemed: redeemed,
      pointsExpired: int(figures.expired),
      redemptionRate: earned === 0 ? null : redeemed / earned,
      liability: int(liability.rows[0]?.points),
      crossChannelMembers: crossChannel,
      purchasingMembers: purchasing,
      crossChannelShare: purchasing === 0 ? null : crossChannel / purchasing,
    },
    series: periodBuckets(query.from, query.to, granularity).map((bucket): KpiBucket => {
      const e = entriesBy.get(bucket);
      const n = newBy.get(bucket);
      return {
        bucket,
        activeMembers: int(e?.active ?? 0),
        newMembersStore: int(n?.store ?? 0),
        newMembersEc: int(n?.ec ?? 0),
        pointsEarned: int(e?.earned ?? 0),
        pointsRedeemed: int(e?.redeemed ?? 0),
        pointsExpired: int(e?.expired ?? 0),
      };
    }),
    byRank: byRank.rows.map((row) => {
      const members = int(row.members);
      return { rank: text(row.rank), members, avgSpendYen: int(row.spend) / members, visitFrequency: int(row.visits) / members };
    }),
    cohorts: cohorts.rows.map((row) => {
      const members = int(row.members);
      const spendYen = int(row.spend);
      return { month: text(row.month), members, spendYen, ltvYen: spendYen / members };
    }),
  };
}

/** Every JST day or month of the period, so a chart shows quiet days as zero rather than skipping them. */
export function periodBuckets(from: string, to: string, granularity: 'day' | 'month'): string[] {
  const buckets: string[] = [];
  if (granularity === 'day') {
    for (let day = from; day <= to; day = addDays(day, 1)) buckets.push(day);
  } else {
    for (let month = `${from.slice(0, 7)}-01`; month.slice(0, 7) <= to.slice(0, 7); month = addMonths(month, 1)) buckets.push(month.slice(0, 7));
  }
  return buckets;
}

/** A filter naming no shop is a mistake worth saying (a typo would otherwise show an empty chain). */
async function requireShop(sql: Queryable, shopId: string): Promise<void> {
  const { rows } = await sql.query(`select 1 from locations where id = $1 and kind = 'store' and not deleted`, [shopId]);
  if (rows.length === 0) {
    throw new TenpoError('unprocessable', `no shop ${shopId}`, 422, [{ path: 'shopId', message: 'names no shop' }]);
  }
}

/** $1 start, $2 end (instants), $3 shop or null, $4 channel or null. */
const inPeriod = (e = ''): string => `not ${e}deleted and ${e}at >= $1::timestamptz and ${e}at < $2::timestamptz
  and ($3::text is null or ${e}shop_id = $3) and ($4::text is null or ${e}channel = $4)`;

const ENTRY_FIGURES = `
  count(distinct member_id) filter (where type in ('earn', 'redeem')) as active,
  coalesce(sum(points) filter (where type = 'earn'), 0) as earned,
  coalesce(sum(points) filter (where type = 'redeem'), 0) as redeemed,
  coalesce(sum(points) filter (where type = 'expire'), 0) as expired`;

/** signedPoints (src/domain/ledger/entries.ts) in SQL. */
const SIGNED_POINTS = `case
  when type in ('earn', 'migration', 'transfer_in') then points
  when type in ('redeem', 'expire', 'transfer_out') then -points
  when type = 'adjust' then case when direction = 'credit' then points else -points end
  when type = 'reversal' then case when reverses_type = 'earn' then -points else points end
end`;

/** $1 start, $2 end, $3 shop or null (narrows the store side only). */
const CROSS_CHANNEL = `
  with bought as (
    select member_id, channel from point_entries
     where not deleted and type = 'earn' and at >= $1::timestamptz and at < $2::timestamptz
       and (channel = 'ec' or $3::text is null or shop_id = $3)
    union
    select member_id, channel from purchases
     where not deleted and at >= $1::timestamptz and at < $2::timestamptz
       and (channel = 'ec' or $3::text is null or shop_id = $3)
  )
  select count(*) as purchasing, count(*) filter (where channels = 2) as cross_channel
    from (select member_id, count(distinct channel) as channels from bought group by member_id) m`;

const COHORTS = `
  with firsts as (
    select member_id, min(at) as first_at from point_entries
     where not deleted and type = 'earn' and ($3::text is null or shop_id = $3) and ($4::text is null or channel = $4)
     group by member_id
  )
  select to_char((f.first_at at time zone 'UTC') + interval '9 hours', 'YYYY-MM') as month,
         count(distinct f.member_id) as members, sum(e.amount_yen) as spend
    from firsts f
    join point_entries e on e.member_id = f.member_id and not e.deleted and e.type = 'earn' and e.at < $2::timestamptz
     and ($3::text is null or e.shop_id = $3) and ($4::text is null or e.channel = $4)
   where f.first_at >= $1::timestamptz and f.first_at < $2::timestamptz
   group by 1 order by 1`;
