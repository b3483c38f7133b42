import { useTranslation } from 'react-i18next';
import { ApiKeyForm } from './api-key-form.tsx';
import { HqFailureText } from './hq-failure-text.tsx';
import { KpiCharts } from './kpi-charts.tsx';
import { KpiFilters } from './kpi-filters.tsx';
import { KpiTiles } from './kpi-tiles.tsx';
import { useKpiDashboard } from './use-kpi-dashboard.ts';
import './kpi.css';

/** #/hq/dashboard: HQ's KPIs, live from the ledger, as tiles and charts, each downloadable as CSV (issue 10). */
export function KpiDashboardScreen() {
  const { t } = useTranslation();
  const dashboard = useKpiDashboard();
  return (
    <section className="kpi-dashboard">
      <h2 className="panel__title">{t('kpi.title')}</h2>
      <p>{t('kpi.intro')}</p>
      {dashboard.apiKey === '' ? (
        <ApiKeyForm onSave={dashboard.saveApiKey} />
      ) : (
        <>
          <div className="kpi-dashboard__bar">
            <KpiFilters preset={dashboard.preset} filter={dashboard.filter} shops={dashboard.shops} onPreset={dashboard.choosePreset} onChange={dashboard.changeFilter} />
            <button type="button" className="button" onClick={dashboard.reload} disabled={dashboard.loading}>
              {dashboard.loading ? t('kpi.loading') : t('kpi.reload')}
            </button>
            <button type="button" className="button" onClick={() => dashboard.downloadCsv('all')}>
              {t('kpi.csvAll')}
            </button>
            <button type="button" className="button" onClick={dashboard.forgetApiKey}>
              {t('hq.merges.forgetKey')}
            </button>
          </div>
          <HqFailureText failure={dashboard.failure} />
          {dashboard.report ? (
            <div data-testid="kpi-report" data-loading={dashboard.loading}>
              <KpiTiles totals={dashboard.report.totals} />
              <KpiCharts report={dashboard.report} onCsv={dashboard.downloadCsv} />
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
