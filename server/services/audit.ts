import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AuditAction, AuditEvent, WireDocument } from '../../src/protocol/index.ts';
import { auditEventSchema } from '../../src/protocol/index.ts';
import type { Queryable } from '../store/sql.ts';
import { AUDIT_EVENT_COLUMNS, auditEventDocument } from './documents.ts';
import type { Device } from './devices.ts';
import { sameInstant } from './rows.ts';
import type { SyncServices } from './sync-push.ts';
import { parseEach } from './validate.ts';
import { writeTransaction } from './write-transaction.ts';

/** What server code says about its own action; the time is the database's unless given. */
export interface ServerAuditEvent {
  action: AuditAction;
  staffId?: string | null;
  /** For device actions: the device acted on. */
  deviceId?: string | null;
  shopId?: string | null;
  memberId?: string | null;
  approvedBy?: string | null;
  detail?: AuditEvent['detail'];
  at?: string;
}

/**
 * Records a server-side event (a merge, a device revocation…) in the caller's
 * transaction, so the action and its record commit together. The insert's
 * seq trigger takes the sync write lock: call it inside writeTransaction, or
 * on its own outside any transaction that holds row locks.
 */
export async function recordServerAudit(tx: Queryable, event: ServerAuditEvent): Promise<void> {
  await tx.query(
    `insert into audit_events (id, action, at, staff_id, device_id, shop_id, member_id, approved_by, detail)
     values ($1, $2, coalesce($3::timestamptz, now()), $4, $5, $6, $7, $8, $9::jsonb)`,
    [
      randomUUID(),
      event.action,
      event.at ?? null,
      event.staffId ?? null,
      event.deviceId ?? null,
      event.shopId ?? null,
      event.memberId ?? null,
      event.approvedBy ?? null,
      JSON.stringify(event.detail ?? {}),
    ],
  );
}

const auditRowSchema = auditEventSchema.extend({ _deleted: z.boolean().default(false) });
type AuditRow = z.output<typeof auditRowSchema>;

/**
 * Sync push of `audit_events` (push-only, append-only). The device and shop
 * are the pushing device's, whatever the document says: a tablet cannot write
 * history for another. A new id is inserted; the same id with the same content
 * is a retry (nothing answered); other content is a conflict, answered with
 * the stored event. A tombstone is ignored: nothing deletes history, and a
 * tablet that prunes its local copy must not be told to restore it.
 */
export async function pushAuditEvents(services: SyncServices, states: readonly unknown[], device: Device): Promise<WireDocument<AuditEvent>[]> {
  const rows = parseEach(auditRowSchema, states, 'audit events')
    .filter((row) => !row._deleted)
    .map((row): AuditRow => ({ ...row, deviceId: device.id, shopId: device.shopId }));
  if (rows.length === 0) return [];
  return writeTransaction(services.sql, services.notifier, async ({ tx }) => {
    const stored = await findAuditEvents(tx, rows.map((row) => row.id));
    const conflicts: WireDocument<AuditEvent>[] = [];
    const inserted = new Set<string>();
    for (const row of rows) {
      const earlier = stored.get(row.id);
      if (earlier) {
        if (!sameEvent(earlier, row)) conflicts.push(earlier);
        continue;
      }
      // A batch naming one id twice: the first copy is the event.
      if (inserted.has(row.id)) continue;
      inserted.add(row.id);
      await tx.query(
        `insert into audit_events (id, action, at, staff_id, device_id, shop_id, member_id, approved_by, detail)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)`,
        [row.id, row.action, row.at, row.staffId, row.deviceId, row.shopId, row.memberId, row.approvedBy, JSON.stringify(row.detail)],
      );
    }
    // Nobody pulls audit events, so no stream is told (ctx.changed stays empty).
    return conflicts;
  });
}

async function findAuditEvents(tx: Queryable, ids: readonly string[]): Promise<Map<string, WireDocument<AuditEvent>>> {
  const { rows } = await tx.query(`select ${AUDIT_EVENT_COLUMNS} from audit_events where id = any($1::text[])`, [ids]);
  const docs = rows.map(auditEventDocument);
  return new Map(docs.map((doc) => [doc.id, doc]));
}

function sameEvent(stored: AuditEvent, pushed: AuditEvent): boolean {
  return (
    stored.action === pushed.action &&
    sameInstant(stored.at, pushed.at) &&
    stored.staffId === pushed.staffId &&
    stored.deviceId === pushed.deviceId &&
    stored.shopId === pushed.shopId &&
    stored.memberId === pushed.memberId &&
    stored.approvedBy === pushed.approvedBy &&
    canonical(stored.detail) === canonical(pushed.detail)
  );
}

/** jsonb keeps its own key order; compare details by content. */
function canonical(detail: AuditEvent['detail']): string {
  return JSON.stringify(Object.entries(detail).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
