import { randomUUID } from 'node:crypto';
import type { AuditAction, AuditEvent } from '../../../src/protocol/index.ts';
import type { Queryable } from '../../store/sql.ts';

export interface ServerAuditInput {
  action: AuditAction;
  staffId?: string | null;
  shopId?: string | null;
  memberId?: string | null;
  approvedBy?: string | null;
  detail?: AuditEvent['detail'];
}

/**
 * An audit event the server writes itself (an HQ merge, a refused approval):
 * no device. Inside the caller's transaction, so the event and what it
 * records commit together or not at all.
 */
export async function insertServerAudit(tx: Queryable, input: ServerAuditInput, at?: string): Promise<void> {
  await tx.query(
    `insert into audit_events (id, action, at, staff_id, device_id, shop_id, member_id, approved_by, detail)
     values ($1, $2, coalesce($3::timestamptz, now()), $4, null, $5, $6, $7, $8::jsonb)`,
    [
      randomUUID(),
      input.action,
      at ?? null,
      input.staffId ?? null,
      input.shopId ?? null,
      input.memberId ?? null,
      input.approvedBy ?? null,
      JSON.stringify(input.detail ?? {}),
    ],
  );
}
