import type { AuditAction, AuditEvent } from '../protocol/index.ts';
import { signedInStaff } from '../staff/session.ts';
import { getDatabase } from './database.ts';
import { loadEnrolment } from './enrolment.ts';
import { newId } from './new-id.ts';

/** How the counter found a member (detail.via of `member-lookup`). */
export type LookupVia = 'scan' | 'search' | 'signed-code' | 'paper-card' | 'online';

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
 *
 * Acknowledged events stay on the tablet; they are not pruned. Removing an
 * RxDB document writes a tombstone that keeps its data (this app has no
 * cleanup plugin), so a prune would free nothing; and RxDB offers no "this
 * document was acknowledged" to prune by. An event is ~300 bytes with ids only
 * (no names or phones), and revoking or re-enrolling a tablet wipes them all.
 * The server ignores pushed tombstones of audit events, so a later prune (with
 * a tombstone cleanup) needs no server change.
 */
export async function recordAudit(input: AuditInput): Promise<void> {
  try {
    const [db, enrolment] = await Promise.all([getDatabase(), loadEnrolment()]);
    // Only tests open a subset of the collections (OpenDatabaseOptions.collections):
    // a simulated tablet without the audit log has nowhere to record.
    if (!('audit_events' in db.collections)) return;
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

/** A member brought up at the counter: once per selection, never per render. */
export function recordMemberLookup(memberId: string, via: LookupVia): void {
  void recordAudit({ action: 'member-lookup', memberId, detail: { via } });
}
