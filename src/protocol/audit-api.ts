import { z } from 'zod';
import { AUDIT_ACTIONS, auditEventSchema } from './audit.ts';
import { STAFF_ID_PATTERN } from './staff.ts';

/** /api/v1/audit-events: HQ searches the audit log (issue 6 point 3). */
export const AUDIT_SEARCH_LIMIT_MAX = 500;

/**
 * The keyset cursor of a search page: the last row's time (to the
 * microsecond, as stored) and id. Opaque to clients; its shape is checked so
 * a mangled cursor is a 400, not a query error.
 */
export const AUDIT_CURSOR_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z~[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const time = z.iso.datetime({ offset: true });

export const auditSearchQuerySchema = z.object({
  staffId: z.string().regex(STAFF_ID_PATTERN).optional(),
  memberId: z.string().min(1).max(64).optional(),
  shopId: z.string().min(1).max(32).optional(),
  deviceId: z.string().min(1).max(64).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  /** Inclusive. */
  from: time.optional(),
  /** Exclusive. */
  to: time.optional(),
  limit: z.coerce.number().int().min(1).max(AUDIT_SEARCH_LIMIT_MAX).default(100),
  /** `nextCursor` of the previous page. */
  cursor: z.string().regex(AUDIT_CURSOR_PATTERN).optional(),
});
export type AuditSearchQuery = z.infer<typeof auditSearchQuerySchema>;

/** An event as stored: the writer's `at` and when the server received it (a tablet's clock may be wrong). */
export const auditRecordSchema = auditEventSchema.extend({ receivedAt: z.string() }).meta({ id: 'AuditRecord' });
export type AuditRecord = z.infer<typeof auditRecordSchema>;

export const auditPageSchema = z
  .object({
    /** Newest first. */
    events: z.array(auditRecordSchema),
    /** Pass as `cursor` for the next (older) page; null on the last page. */
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'AuditPage' });
export type AuditPage = z.infer<typeof auditPageSchema>;

export const auditAlertsQuerySchema = z.object({
  /** Inclusive; default 24 hours before `to`. */
  from: time.optional(),
  /** Exclusive; default now. */
  to: time.optional(),
});
export type AuditAlertsQuery = z.infer<typeof auditAlertsQuerySchema>;

export const lookupAlertSchema = z.object({
  staffId: z.string(),
  shopId: z.string().nullable(),
  lookups: z.int(),
  /** The median the staff member was compared with, and whose it was. */
  median: z.number(),
  comparedWith: z.enum(['shop', 'chain']),
  /** Lookups above this are unusual: max(floor for the period, factor × median). */
  threshold: z.number(),
});
export type LookupAlert = z.infer<typeof lookupAlertSchema>;

export const auditAlertsSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    rule: z.object({ floorPerDay: z.int(), factor: z.number(), minShopPeers: z.int() }),
    /** Most lookups first. */
    alerts: z.array(lookupAlertSchema),
  })
  .meta({ id: 'AuditAlerts' });
export type AuditAlerts = z.infer<typeof auditAlertsSchema>;
