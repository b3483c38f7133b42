import type { AuditAction, AuditEvent } from '../protocol/index.ts';
import { signedInStaff } from '../staff/session.ts';
import { getDatabase } from './database.ts';
import { loadEnrolment } from './enrolment.ts';
import { newId } from './new-id.ts';

export interface AuditInput {
  action: AuditAction;
  memberId?: string | null;
  /** The manager whose PIN approved the action. */
  approvedBy?: string | null;
  /** Who the event is about when nobody is signed in yet (a lock-out at the sign-in screen); default: who is signed in. */
  staffId?: string | null;
  /** Small, non-personal facts: points, an entry id, how the member was found. Never a name or phone. */
  detail?: AuditEvent['detail'];
}

/**
 * Records an audit event on this tablet; the `audit_events` replication pushes
 * it. Staff, device, shop and time are filled in here so no call site can
 * forget them. A failed write is logged, not thrown: the clerk's action has
 * already happened, and refusing it afterwards would help no one.
 */
export async function recordAudit(input: AuditInput): Promise<void> {
  try {
    const [db, enrolment] = await Promise.all([getDatabase(), loadEnrolment()]);
    const staff = signedInStaff();
    // A database opened with only some collections (the sync simulations' tablets) keeps no audit log.
    const events = (db.collections as Partial<typeof db.collections>).audit_events;
    if (!events) return;
    await events.insert({
      id: newId(),
      action: input.action,
      at: new Date().toISOString(),
      staffId: input.staffId !== undefined ? input.staffId : (staff?.staffId ?? null),
      deviceId: enrolment?.deviceId ?? null,
      shopId: enrolment?.shop.id ?? null,
      memberId: input.memberId ?? null,
      approvedBy: input.approvedBy ?? null,
      detail: input.detail ?? {},
    });
  } catch (error) {
    console.error('audit event not recorded', input.action, error);
  }
}
