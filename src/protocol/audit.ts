import { z } from 'zod';
import { STAFF_ID_PATTERN } from './staff.ts';

/**
 * Issue 6: the audit log. Tablets write events into the push-only
 * `audit_events` collection (id = client UUID, so a retried push is a no-op);
 * the server writes its own (HQ merges, device actions) into the same table.
 * Append-only on both sides: nothing updates or deletes an event.
 */
export const AUDIT_ACTIONS = [
  /** A member brought up at the counter by scan or search (detail.via: scan | search | signed-code | paper-card | online). */
  'member-lookup',
  /** Issue 9: a member's profile (timeline) opened on a tablet. */
  'profile-view',
  'redemption',
  'adjustment',
  'migration',
  'merge',
  'merge-undo',
  /** Device actions: enrolment codes, enrolment, revocation, wipe, lease lock. */
  'device-enrolment-code',
  'device-enrol',
  'device-revoke',
  'device-wipe',
  /** Staff: sign-in, sign-out, lock-out after wrong PINs, a manager's approval refused. */
  'staff-sign-in',
  'staff-lockout',
  'approval-refused',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const auditEventSchema = z
  .object({
    id: z.uuid(),
    action: z.enum(AUDIT_ACTIONS),
    /** When it happened, by the writer's clock (the server also stores when it received it). */
    at: z.iso.datetime({ offset: true }),
    /** Who was signed in; null only for server-side events with no staff (an API key). */
    staffId: z.string().regex(STAFF_ID_PATTERN).nullable(),
    /** The device that wrote it; null for server-side events from /api/v1. */
    deviceId: z.string().max(64).nullable(),
    shopId: z.string().max(32).nullable(),
    memberId: z.string().max(64).nullable(),
    /** The manager whose PIN approved a guarded action. */
    approvedBy: z.string().regex(STAFF_ID_PATTERN).nullable(),
    /** Small, non-personal facts (points, entry id, how a member was found); never a name, phone or address. */
    detail: z.record(z.string().max(40), z.union([z.string().max(200), z.number(), z.boolean(), z.null()])).default({}),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEvent = z.infer<typeof auditEventSchema>;
