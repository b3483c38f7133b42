import type { PointEntryDraft } from '../../../src/protocol/index.ts';
import { APPROVER_ROLES, TenpoError } from '../../../src/protocol/index.ts';
import type { Queryable } from '../../store/sql.ts';
import type { Device } from '../devices.ts';
import { findStaff } from './staff-docs.ts';

/**
 * Issue 6: a tablet may push a manual adjustment only with a manager's
 * approval. The approval travels in the entry's own `staffId`: for an
 * `adjust` pushed by a tablet it names the manager whose PIN the tablet
 * checked (offline, against the synced hash), and the tablet's audit event
 * names the clerk who was signed in. The server checks what it can: that
 * staff member exists, is active, may approve, and belongs to the device's
 * shop (or is hq). An entry already posted is a retry and is not checked again
 * (the manager may have left since; the adjustment stands).
 */
export async function requireApprovedAdjustments(tx: Queryable, rows: readonly (PointEntryDraft & { _deleted: boolean })[], device: Device): Promise<void> {
  const adjustments = rows.filter((row) => row.type === 'adjust' && !row._deleted);
  if (adjustments.length === 0) return;
  const { rows: posted } = await tx.query<{ id: string }>('select id from point_entries where id = any($1::text[])', [adjustments.map((row) => row.id)]);
  const known = new Set(posted.map((row) => row.id));
  const bad: { index: number; id: string; issues: { path: string; message: string }[] }[] = [];
  for (const [index, row] of rows.entries()) {
    if (row.type !== 'adjust' || row._deleted || known.has(row.id)) continue;
    const approver = row.staffId === '' ? null : await findStaff(tx, row.staffId);
    const ok =
      approver !== null &&
      approver.staff.active &&
      APPROVER_ROLES.includes(approver.staff.role) &&
      (approver.staff.shopId === null || approver.staff.shopId === device.shopId) &&
      row.shopId === device.shopId;
    if (!ok) bad.push({ index, id: row.id, issues: [{ path: 'staffId', message: 'an adjustment needs the approval of a manager of this shop' }] });
  }
  if (bad.length > 0) throw new TenpoError('approval-required', 'adjustments without a manager approval', 403, bad);
}
