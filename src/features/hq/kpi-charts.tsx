import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { KpiCsvFigure, KpiReport } from '../../protocol/index.ts';
import { rankLabel } from '../counter/rank-label.ts';
import { KpiChart, type KpiChartSeries } from './kpi-chart.tsx';

/** Colours that stay apart for colour-blind readers (Okabe–Ito). */
const BLUE = '#0072b2';
const ORANGE = '#e69f00';
const GREY = '#999999';
const GREEN = '#009e73';

interface ChartSpec {
  key: string;
  title: string;
  labels: string[];
  series: KpiChartSeries[];
  bars: boolean;
  figure: KpiCsvFigure;
  xLabel: string;
}

/** The dashboard's charts, built once per answer so a re-render does not redraw them. */
export function KpiCharts({ report, onCsv }: { report: KpiReport; onCsv: (figure: KpiCsvFigure) => void }) {
  const { t } = useTranslation();
  const charts = useMemo((): ChartSpec[] => {
    const buckets = report.series.map((b) => b.bucket);
    const column = (pick: (b: KpiReport['series'][number]) => number) => report.series.map(pick);
    const period = report.granularity === 'day' ? t('kpi.charts.day') : t('kpi.charts.month');
    const rank = (name: string) => rankLabel(t, name);
    return [
      {
        key: 'points',
        xLabel: period,
        title: t('kpi.charts.points'),
        labels: buckets,
        bars: false,
        figure: 'series',
        series: [
          { label: t('kpi.tiles.pointsEarned'), values: column((b) => b.pointsEarned), color: BLUE },
          { label: t('kpi.tiles.pointsRedeemed'), values: column((b) => b.pointsRedeemed), color: ORANGE },
          { label: t('kpi.tiles.pointsExpired'), values: column((b) => b.pointsExpired), color: GREY },
        ],
      },
      { key: 'active', xLabel: period, title: t('kpi.charts.active'), labels: buckets, bars: false, figure: 'series', series: [{ label: t('kpi.tiles.activeMembers'), values: column((b) => b.activeMembers), color: GREEN }] },
      {
        key: 'new',
        xLabel: period,
        title: t('kpi.charts.newMembers'),
        labels: buckets,
        bars: false,
        figure: 'series',
        series: [
          { label: t('kpi.channels.store'), values: column((b) => b.newMembersStore), color: BLUE },
          { label: t('kpi.channels.ec'), values: column((b) => b.newMembersEc), color: ORANGE },
        ],
      },
      {
        key: 'rank',
        xLabel: t('kpi.charts.rank'),
        title: t('kpi.charts.spendByRank'),
        labels: report.byRank.map((r) => rank(r.rank)),
        bars: true,
        figure: 'byRank',
        series: [{ label: t('kpi.charts.avgSpendYen'), values: report.byRank.map((r) => Math.round(r.avgSpendYen)), color: BLUE }],
      },
      {
        key: 'visits',
        xLabel: t('kpi.charts.rank'),
        title: t('kpi.charts.visitsByRank'),
        labels: report.byRank.map((r) => rank(r.rank)),
        bars: true,
        figure: 'byRank',
        series: [{ label: t('kpi.charts.visitFrequency'), values: report.byRank.map((r) => Math.round(r.visitFrequency * 100) / 100), color: GREEN }],
      },
      {
        key: 'ltv',
        xLabel: t('kpi.charts.cohort'),
        title: t('kpi.charts.ltv'),
        labels: report.cohorts.map((c) => c.month),
        bars: true,
        figure: 'cohorts',
        series: [{ label: t('kpi.charts.ltvYen'), values: report.cohorts.map((c) => Math.round(c.ltvYen)), color: ORANGE }],
      },
    ];
    // t changes with the language, so the labels follow a language switch.
  }, [report, t]);
  return (
    <div className="kpi-charts">
      {charts.map((chart) => (
        <KpiChart key={chart.key} title={chart.title} xLabel={chart.xLabel} labels={chart.labels} series={chart.series} bars={chart.bars} onCsv={() => onCsv(chart.figure)} />
      ))}
    </div>
  );
}
