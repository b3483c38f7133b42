import { kpiReportSchema, TenpoError, type KpiChannel, type KpiCsvFigure, type KpiReport } from '../../protocol/index.ts';
import { callHqApi, HqNetworkError } from './hq-api.ts';

/** What the dashboard asks for: a period of JST days, optionally one shop and one channel. */
export interface KpiFilter {
  from: string;
  to: string;
  shopId: string;
  channel: KpiChannel | '';
}

export function kpiQueryString(filter: KpiFilter): string {
  const params = new URLSearchParams({ from: filter.from, to: filter.to });
  if (filter.shopId !== '') params.set('shopId', filter.shopId);
  if (filter.channel !== '') params.set('channel', filter.channel);
  return params.toString();
}

export async function fetchKpis(apiKey: string, filter: KpiFilter): Promise<KpiReport> {
  return callHqApi(apiKey, 'GET', `/api/v1/kpis?${kpiQueryString(filter)}`, kpiReportSchema);
}

/**
 * Downloads one figure's CSV. The API key travels as a header, which a plain
 * link cannot send: fetched here, handed to the browser as a blob URL.
 */
export async function downloadKpiCsv(apiKey: string, filter: KpiFilter, figure: KpiCsvFigure): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`/api/v1/kpis.csv?${kpiQueryString(filter)}&figure=${figure}`, {
      cache: 'no-store',
      headers: { authorization: `Bearer ${apiKey}` },
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new HqNetworkError(String(error));
  }
  if (response.status === 401) throw new TenpoError('unauthorized', 'unknown or revoked API key', 401);
  if (!response.ok) throw new HqNetworkError(`HTTP ${response.status}`);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `tenpo-kpis-${figure}-${filter.from}-${filter.to}.csv`;
  link.click();
  // After the click has handed the blob to the download; revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
