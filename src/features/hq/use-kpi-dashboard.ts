import { useEffect, useState } from 'react';
import { KPI_MAX_DAYS, kpiPeriodDays, type KpiCsvFigure, type KpiReport } from '../../protocol/index.ts';
import { fetchShops, type Shop } from './device-api.ts';
import { hqFailureOf, useHqApiKey, type HqFailure } from './hq-api.ts';
import { downloadKpiCsv, fetchKpis, type KpiFilter } from './kpi-api.ts';
import { presetPeriod, type KpiPreset } from './kpi-period.ts';

export interface KpiDashboard {
  apiKey: string;
  saveApiKey: (key: string) => void;
  forgetApiKey: () => void;
  shops: Shop[];
  preset: KpiPreset;
  filter: KpiFilter;
  /** The figures of the filter shown, or null before the first answer. */
  report: KpiReport | null;
  loading: boolean;
  failure: HqFailure | null;
  choosePreset: (preset: KpiPreset) => void;
  changeFilter: (change: Partial<KpiFilter>) => void;
  reload: () => void;
  downloadCsv: (figure: KpiCsvFigure) => void;
}

/** #/hq/dashboard's state: the filter, the figures it asked for, the shops to choose from. The screen only renders it. */
export function useKpiDashboard(): KpiDashboard {
  const session = useHqApiKey();
  const { apiKey } = session;
  const [preset, setPreset] = useState<KpiPreset>('last12m');
  const [filter, setFilter] = useState<KpiFilter>(() => ({ ...presetPeriod('last12m'), shopId: '', channel: '' }));
  const [shops, setShops] = useState<Shop[]>([]);
  const [report, setReport] = useState<KpiReport | null>(null);
  const [failure, setFailure] = useState<HqFailure | null>(null);
  const [generation, setGeneration] = useState(0);
  // Which request answered last: loading is "the current one has not", with no setState in the effect body.
  const [answered, setAnswered] = useState('');
  const request = `${apiKey}:${generation}:${JSON.stringify(filter)}`;

  useEffect(() => {
    if (apiKey === '') return;
    let live = true;
    fetchShops(apiKey)
      .then((found) => {
        if (live) setShops(found);
      })
      .catch(() => {
        // The shop list only feeds the filter; the figures' own request reports the failure.
      });
    return () => {
      live = false;
    };
  }, [apiKey]);

  useEffect(() => {
    // A period the server would refuse is not asked for: the filters say what is wrong with it.
    if (apiKey === '' || filter.from > filter.to || kpiPeriodDays(filter.from, filter.to) > KPI_MAX_DAYS) return;
    let live = true;
    fetchKpis(apiKey, filter)
      .then((found) => {
        if (!live) return;
        setReport(found);
        setFailure(null);
      })
      .catch((error: unknown) => {
        if (live) setFailure(hqFailureOf(error));
      })
      .finally(() => {
        if (live) setAnswered(request);
      });
    return () => {
      live = false;
    };
  }, [apiKey, filter, request]);

  return {
    ...session,
    shops,
    preset,
    filter,
    report,
    loading: apiKey !== '' && answered !== request,
    failure,
    choosePreset(next) {
      setPreset(next);
      if (next !== 'custom') setFilter((current) => ({ ...current, ...presetPeriod(next) }));
    },
    changeFilter(change) {
      if ('from' in change || 'to' in change) setPreset('custom');
      setFilter((current) => ({ ...current, ...change }));
    },
    reload: () => setGeneration((n) => n + 1),
    downloadCsv(figure) {
      downloadKpiCsv(apiKey, filter, figure).catch((error: unknown) => setFailure(hqFailureOf(error)));
    },
  };
}
