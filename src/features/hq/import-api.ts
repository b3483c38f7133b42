import {
  errorBodySchema,
  memberImportReportSchema,
  TenpoError,
  type ColumnMapping,
  type MemberImportReport,
} from '../../protocol/index.ts';

/** The network could not be used (offline, server down): the screen says "try again", not "bad file". */
export class ImportNetworkError extends Error {
  override name = 'ImportNetworkError';
}

export interface ImportRequest {
  apiKey: string;
  file: Blob;
  fileName: string;
  dryRun: boolean;
  mapping: ColumnMapping;
}

/**
 * Sends the file's bytes as they are: the server detects Shift_JIS or UTF-8,
 * so the decoder (iconv-lite) stays out of the tablet bundle.
 */
export async function postMemberImport(request: ImportRequest): Promise<MemberImportReport> {
  const query = new URLSearchParams({ dryRun: String(request.dryRun), fileName: request.fileName.slice(0, 255) });
  if (Object.keys(request.mapping).length > 0) query.set('mapping', JSON.stringify(request.mapping));
  let response: Response;
  try {
    response = await fetch(`/api/v1/member-imports?${query.toString()}`, {
      method: 'POST',
      cache: 'no-store',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${request.apiKey}` },
      body: request.file,
      // 10,000 rows take seconds; a large list on a slow link longer.
      signal: AbortSignal.timeout(120_000),
    });
  } catch (error) {
    throw new ImportNetworkError(String(error));
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = errorBodySchema.safeParse(json);
    if (parsed.success) throw new TenpoError(parsed.data.error, parsed.data.message, response.status, parsed.data.details);
    throw new ImportNetworkError(`HTTP ${response.status}`);
  }
  const parsed = memberImportReportSchema.safeParse(json);
  if (!parsed.success) throw new ImportNetworkError('unexpected answer from the server');
  return parsed.data;
}
