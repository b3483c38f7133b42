import { auditAlertsQuerySchema, auditAlertsSchema, auditPageSchema, auditSearchQuerySchema } from '../../src/protocol/index.ts';
import { ALERT_PERIOD_MAX_DAYS, lookupAlerts, searchAuditEvents } from '../services/audit-search.ts';
import type { ApiDeps } from './api-deps.ts';
import { apiRoute, type ApiRouter } from './api-route.ts';

/** HQ reads the audit log: a search with filters, and the unusual-lookup alert. */
export function registerAuditRoutes(router: ApiRouter, deps: ApiDeps): void {
  apiRoute(
    router,
    {
      method: 'GET',
      path: '/api/v1/audit-events',
      operationId: 'searchAuditEvents',
      summary: 'Search the audit log, newest first',
      description:
        'Every filter is optional; they combine with AND. `from` is inclusive, `to` exclusive, both on the time the event ' +
        'happened (`at`, by the writer’s clock; `receivedAt` is the server’s). Pages are keyset-paginated: pass `nextCursor` ' +
        'back as `cursor` for the next, older page.',
      query: auditSearchQuerySchema,
      responses: { 200: { description: 'One page of events.', schema: auditPageSchema } },
      errors: { 400: '`invalid-request`: a filter, the limit or the cursor is malformed.' },
    },
    async ({ query }) => searchAuditEvents(deps.sql, query),
  );

  apiRoute(
    router,
    {
      method: 'GET',
      path: '/api/v1/audit-events/alerts',
      operationId: 'auditLookupAlerts',
      summary: 'Staff with unusual member-lookup volume in a period',
      description:
        'A staff member is listed when their member lookups exceed both the floor (`rule.floorPerDay` for each started day ' +
        'of the period) and `rule.factor` × the median of their shop’s staff; a shop with fewer than `rule.minShopPeers` ' +
        `staff who looked anyone up is compared with the chain's median. Default period: the 24 hours before \`to\` ` +
        `(default now); at most ${ALERT_PERIOD_MAX_DAYS} days.`,
      query: auditAlertsQuerySchema,
      responses: { 200: { description: 'The alerts, most lookups first.', schema: auditAlertsSchema } },
      errors: { 400: '`invalid-request`: a malformed time, `from` not before `to`, or too long a period.' },
    },
    async ({ query }) => lookupAlerts(deps.sql, query),
  );
}
