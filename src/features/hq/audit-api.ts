import {
  auditAlertsSchema,
  auditPageSchema,
  type AuditAlerts,
  type AuditPage,
} from '../../protocol/index.ts';
import { callHqApi } from './hq-api.ts';

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
  return callHqApi(apiKey, 'GET', `/api/v1/audit-events?${auditSearchQuery(filters, cursor)}`, auditPageSchema);
}

/** The alert over the filter's period, or the last 24 hours when it names none. */
export async function fetchAuditAlerts(apiKey: string, filters: AuditFilters): Promise<AuditAlerts> {
  const query = new URLSearchParams();
  const from = isoOf(filters.from);
  const to = isoOf(filters.to);
  if (from) query.set('from', from);
  if (to) query.set('to', to);
  return callHqApi(apiKey, 'GET', `/api/v1/audit-events/alerts?${query.toString()}`, auditAlertsSchema);
}
