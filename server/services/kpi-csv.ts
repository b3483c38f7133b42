import type { KpiCsvFigure, KpiReport } from '../../src/protocol/index.ts';
import { row } from './month-close-csv.ts';

/**
 * The dashboard's figures as CSV, quoted as the month-end close's CSV is.
 * UTF-8 with a byte-order mark: Excel in Japan reads a CSV without one as
 * Shift_JIS and garbles every kana. `all` writes the tables one after
 * another, an empty line between; each table has its own header.
 */
export function kpiCsv(report: KpiReport, figure: KpiCsvFigure): string {
  const tables = figure === 'all' ? (['totals', 'series', 'byRank', 'cohorts'] as const) : [figure];
  const lines = tables.flatMap((table, index) => [...(index === 0 ? [] : ['']), ...TABLES[table](report)]);
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

const TABLES: Record<Exclude<KpiCsvFigure, 'all'>, (report: KpiReport) => string[]> = {
  totals: ({ query, totals: t }) => [
    row(['figure', 'value']),
    ...(
      [
        ['from', query.from],
        ['to', query.to],
        ['shopId', query.shopId],
        ['channel', query.channel],
        ['activeMembers', t.activeMembers],
        ['newMembers.store', t.newMembers.store],
        ['newMembers.ec', t.newMembers.ec],
        ['pointsEarned', t.pointsEarned],
        ['pointsRedeemed', t.pointsRedeemed],
        ['pointsExpired', t.pointsExpired],
        ['redemptionRate', t.redemptionRate],
        ['liability', t.liability],
        ['crossChannelMembers', t.crossChannelMembers],
        ['purchasingMembers', t.purchasingMembers],
        ['crossChannelShare', t.crossChannelShare],
      ] satisfies [string, string | number | null][]
    ).map((pair) => row(pair)),
  ],
  series: ({ granularity, series }) => [
    row([granularity, 'activeMembers', 'newMembersStore', 'newMembersEc', 'pointsEarned', 'pointsRedeemed', 'pointsExpired']),
    ...series.map((b) => row([b.bucket, b.activeMembers, b.newMembersStore, b.newMembersEc, b.pointsEarned, b.pointsRedeemed, b.pointsExpired])),
  ],
  byRank: ({ byRank }) => [
    row(['rank', 'members', 'avgSpendYen', 'visitFrequency']),
    ...byRank.map((r) => row([r.rank, r.members, r.avgSpendYen, r.visitFrequency])),
  ],
  cohorts: ({ cohorts }) => [
    row(['cohortMonth', 'members', 'spendYen', 'ltvYen']),
    ...cohorts.map((c) => row([c.month, c.members, c.spendYen, c.ltvYen])),
  ],
};
