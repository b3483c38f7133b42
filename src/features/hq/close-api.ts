import { errorBodySchema, periodCloseSchema, TenpoError, type PeriodClose } from '../../protocol/index.ts';
import { callHqApi, HqNetworkError } from './hq-api.ts';

export async function fetchClose(apiKey: string, month: string): Promise<PeriodClose> {
  return callHqApi(apiKey, 'GET', `/api/v1/closes/${encodeURIComponent(month)}`, periodCloseSchema);
}

/** Closing is once per month on the server (a second try is 409 already-closed), so a retried click cannot close twice. */
export async function postClose(apiKey: string, month: string): Promise<PeriodClose> {
  return callHqApi(apiKey, 'POST', '/api/v1/closes', periodCloseSchema, { month });
}

/**
 * The close's CSV as the server writes it. A plain link cannot carry the
 * API key (it is a Bearer header, not a cookie), so the file is fetched and
 * handed to the browser as a Blob.
 */
export async function fetchCloseCsv(apiKey: string, month: string): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(`/api/v1/closes/${encodeURIComponent(month)}.csv`, {
      cache: 'no-store',
      headers: { authorization: `Bearer ${apiKey}` },
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new HqNetworkError(String(error));
  }
  if (!response.ok) {
    const parsed = errorBodySchema.safeParse(await response.json().catch(() => null));
    if (parsed.success) throw new TenpoError(parsed.data.error, parsed.data.message, response.status, parsed.data.details);
    throw new HqNetworkError(`HTTP ${response.status}`);
  }
  return response.blob();
}

/** Saves a Blob under a file name through a temporary link: the browser's own download. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // After the click has handed the file to the browser.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
