import { KPI_MAX_DAYS, kpiCsvQuerySchema, kpiQuerySchema, kpiReportSchema } from '../../src/protocol/index.ts';
import { kpiCsv } from '../services/kpi-csv.ts';
import { kpiReport } from '../services/kpis.ts';
import type { ApiDeps } from './api-deps.ts';
import { apiRoute, type ApiRouter } from './api-route.ts';

const BAD_QUERY = `from or to is not a YYYY-MM-DD date, from is after to, the period is over ${KPI_MAX_DAYS} days, channel is not store or ec, or shopId is not 1 to 32 characters.`;
const NO_SHOP = '`unprocessable`: shopId names no shop (details[0].path is shopId).';

/** Issue 10: the HQ dashboard's KPIs, live from the ledger; every figure is defined in src/protocol/kpi-api.ts. */
export function registerKpiRoutes(router: ApiRouter, deps: ApiDeps): void {
  apiRoute(
    router,
    {
      method: 'GET',
      path: '/api/v1/kpis',
      operationId: 'getKpis',
      summary: 'KPIs of a period of JST days: totals, a per-day (per-month over 92 days) series, spend by rank, LTV by cohort',
      description:
        'Computed live from the ledger, members and purchases. shopId and channel narrow the ledger figures; liability is ' +
        'chain-wide, and cross-channel members ignore channel (the figure is about both).',
      query: kpiQuerySchema,
      responses: { 200: { description: 'The figures.', schema: kpiReportSchema } },
      errors: { 400: BAD_QUERY, 422: NO_SHOP },
    },
    async ({ query }) => kpiReport(deps.sql, query),
  );

  apiRoute(
    router,
    {
      method: 'GET',
      path: '/api/v1/kpis.csv',
      operationId: 'getKpisCsv',
      summary: 'The same KPIs as CSV (UTF-8 with BOM, CRLF): one figure table (`figure`), or all of them separated by empty lines',
      query: kpiCsvQuerySchema,
      responses: { 200: { description: 'The figures as CSV.', contentType: 'text/csv' } },
      errors: { 400: BAD_QUERY, 422: NO_SHOP },
    },
    async ({ query, reply }) => {
      const { figure, ...rest } = query;
      const report = await kpiReport(deps.sql, rest);
      void reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="tenpo-kpis-${figure}-${query.from}-${query.to}.csv"`);
      return kpiCsv(report, figure);
    },
  );
}
