import type { z } from 'zod';
import {
  auditAlertsSchema,
  auditPageSchema,
  errorBodySchema,
  TenpoError,
  type AuditAlerts,
  type AuditPage,
} from '../../protocol/index.ts';

/** The network could not be used (offline, server down): the screen says "try again". */
export class AuditNetworkError extends Error {
  override name = 'AuditNetworkError';
}

/** What HQ filters the audit log by; '' means "any". */
export interface AuditFilters {
  staffId: string;
  memberId: string;
  shopId: string;
  deviceId: string;
  action: string;
  /** datetime-local values (the browser's time zone). */
  from: string;
  to: string;
}

export const NO_FILTERS: AuditFilters = { staffId: '', memberId: '', shopId: '', deviceId: '', action: '', from: '', to: '' };

export const AUDIT_PAGE_SIZE = 50;

/** The audit screen's calls to /api/v1; every answer is checked against the protocol schema. */
async function getJson<S extends z.ZodType>(apiKey: string, path: string, schema: S): Promise<z.output<S>> {
  let response: Response;
  try {
    response = await fetch(path, { cache: 'no-store', headers: { authorization: `Bearer ${apiKey}` }, signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    throw new AuditNetworkError(String(error));
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = errorBodySchema.safeParse(json);
    if (parsed.success) throw new TenpoError(parsed.data.error, parsed.data.message, response.status, parsed.data.details);
    throw new AuditNetworkError(`HTTP ${response.status}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new AuditNetworkError('unexpected answer from the server');
  return parsed.data;
}

/** A datetime-local value ("2026-12-04T09:30") read in the browser's zone, as the API's ISO time. */
function isoOf(local: string): string | null {
  if (local === '') return null;
  const ms = Date.parse(local);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

export function auditSearchQuery(filters: AuditFilters, cursor: string | null): string {
  const query = new URLSearchParams({ limit: String(AUDIT_PAGE_SIZE) });
  for (const key of ['staffId', 'memberId', 'shopId', 'deviceId', 'action'] as const) {
    const value = filters[key].trim();
    if (value !== '') query.set(key, value);
  }
  const from = isoOf(filters.from);
  const to = isoOf(filters.to);
  if (from) query.set('from', from);
  if (to) query.set('to', to);
  if (cursor) query.set('cursor', cursor);
  return query.toString();
}

export async function fetchAuditPage(apiKey: string, filters: AuditFilters, cursor: string | null): Promise<AuditPage> {
  return getJson(apiKey, `/api/v1/audit-events?${auditSearchQuery(filters, cursor)}`, auditPageSchema);
}

/** The alert over the filter's period, or the last 24 hours when it names none. */
export async function fetchAuditAlerts(apiKey: string, filters: AuditFilters): Promise<AuditAlerts> {
  const query = new URLSearchParams();
  const from = isoOf(filters.from);
  const to = isoOf(filters.to);
  if (from) query.set('from', from);
  if (to) query.set('to', to);
  return getJson(apiKey, `/api/v1/audit-events/alerts?${query.toString()}`, auditAlertsSchema);
}
