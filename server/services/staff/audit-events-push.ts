import { auditEventSchema } from '../../../src/protocol/index.ts';
import type { AnyDocument } from '../collections.ts';
import type { Device } from '../devices.ts';
import type { SyncServices } from '../sync-push.ts';
import { parseEach } from '../validate.ts';
import { writeTransaction } from '../write-transaction.ts';

/**
 * Stand-in for the audit helper's push of `audit_events` (issue 6, point 3),
 * so the staff branch's tablets sync cleanly: append-only, a retried id is a
 * no-op, and the device and shop are the token's, never what the tablet
 * claims. The lead keeps the audit branch's version when both are merged.
 */
export async function pushAuditEventsMinimal(services: SyncServices, states: readonly unknown[], device: Device): Promise<AnyDocument[]> {
  const events = parseEach(auditEventSchema, states, 'audit events');
  await writeTransaction(services.sql, services.notifier, async ({ tx }) => {
    await tx.query(
      `insert into audit_events (id, action, at, staff_id, device_id, shop_id, member_id, approved_by, detail)
       select id, action, at, "staffId", $2, $3, "memberId", "approvedBy", detail
         from jsonb_to_recordset($1::jsonb) as x (id uuid, action text, at timestamptz, "staffId" text, "memberId" text,
                                                  "approvedBy" text, detail jsonb)
       on conflict (id) do nothing`,
      [JSON.stringify(events), device.id, device.shopId],
    );
  });
  return [];
}
