import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface KpiChartSeries {
  label: string;
  values: readonly number[];
  color: string;
}

const HEIGHT = 240;

/**
 * One uPlot chart over the period's buckets (or ranks, cohorts): x is the
 * bucket's index, labelled with its name. Redrawn when the data changes and
 * resized with its container, so the grid of charts reflows with the window.
 */
export function KpiChart({ title, xLabel, labels, series, bars = false, onCsv }: { title: string; xLabel: string; labels: readonly string[]; series: readonly KpiChartSeries[]; bars?: boolean; onCsv: () => void }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const last = Math.max(labels.length - 1, 1);
    const barPaths = uPlot.paths.bars?.({ size: [0.6, 80] });
    const options: uPlot.Options = {
      width: Math.max(element.clientWidth, 200),
      height: HEIGHT,
      scales: {
        x: { time: false, range: (): uPlot.Range.MinMax => (bars ? [-0.5, labels.length - 0.5] : [0, last]) },
        // Every figure is a count or an amount: bars cut off above zero would exaggerate the differences.
        y: { range: (_plot, _min, max): uPlot.Range.MinMax => [0, max > 0 ? max * 1.1 : 1] },
      },
      axes: [
        { incrs: [1, 2, 5, 7, 10, 14, 30, 60, 90], values: (_plot, splits) => splits.map((split) => (Number.isInteger(split) ? (labels[split] ?? '') : '')) },
        { size: 70 },
      ],
      series: [
        { label: xLabel, value: (_plot, x) => (x === null ? '--' : (labels[x] ?? '')) },
        ...series.map((s): uPlot.Series => ({
          label: s.label,
          stroke: s.color,
          width: 2,
          ...(bars ? { fill: s.color, ...(barPaths ? { paths: barPaths } : {}) } : {}),
        })),
      ],
    };
    const data: uPlot.AlignedData = [labels.map((_, index) => index), ...series.map((s) => [...s.values])];
    const plot = new uPlot(options, data, element);
    const observer = new ResizeObserver(() => plot.setSize({ width: Math.max(element.clientWidth, 200), height: HEIGHT }));
    observer.observe(element);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [labels, series, bars, xLabel]);
  return (
    <figure className="kpi-chart" data-testid="kpi-chart" data-points={labels.length}>
      <figcaption className="kpi-chart__title">
        <span>{title}</span>
        <button type="button" className="button kpi-chart__csv" onClick={onCsv}>
          {t('kpi.csv')}
        </button>
      </figcaption>
      <div ref={box} className="kpi-chart__plot" />
    </figure>
  );
}
