import type { LedgerFlag, Projection } from '../../src/domain/ledger/index.ts';
import type { FlagsReport } from '../../src/protocol/index.ts';
import type { Queryable } from '../store/sql.ts';
import { databaseNow } from './ec-points.ts';
import { memberProjection } from './ledger.ts';
import { int, isoTime, text, textArray } from './rows.ts';

type FlagRow = FlagsReport['flags'][number];

/**
 * GET /api/v1/reports/flags: every flagged entry (an overdraft from offline
 * redemptions, a reversal that took back more than was earned, an expiry that
 * did not match its lot), in posting order, with how much of each overdraft
 * later earnings have paid back.
 *
 * Which entries are flagged, and why, is what the ledger decided when it
 * posted them (the `flags` column); the points concerned and the repayments
 * come from the member's projection, the same rules that decided them.
 */
export async function listFlags(sql: Queryable, now?: string): Promise<FlagsReport> {
  const { rows } = await sql.query(
    `select e.id, e.type, e.points, e.shop_id, e.device_id, e.posting_no, e.posted_at, e.at, e.flags,
            e.member_id, m.member_no
       from point_entries e join members m on m.id = e.member_id
      where e.flags <> '{}' and not e.deleted
      order by e.posting_no`,
  );
  const at = now ?? (await databaseNow(sql));
  const projections = new Map<string, Projection>();
  for (const memberId of new Set(rows.map((row) => text(row.member_id)))) {
    projections.set(memberId, await memberProjection(sql, memberId, at));
  }
  const repaidByEntry = new Map<string, number>();
  for (const projection of projections.values()) {
    for (const [entryId, repaid] of allocateRepayments(projection)) repaidByEntry.set(entryId, repaid);
  }

  const flags: FlagRow[] = [];
  for (const row of rows) {
    const entryId = text(row.id);
    const projection = projections.get(text(row.member_id));
    for (const reason of textArray(row.flags)) {
      const concerned = projection?.flags.filter((f) => f.entryId === entryId && f.reason === reason) ?? [];
      // The projection agrees with what was decided at posting unless the ledger was rebuilt since; then the entry's own points stand in.
      const points = concerned.length > 0 ? concerned.reduce((sum, f) => sum + f.points, 0) : int(row.points);
      const repaid = reason === 'overdraft' ? Math.min(points, repaidByEntry.get(entryId) ?? 0) : 0;
      flags.push({
        entryId,
        memberNo: text(row.member_no),
        type: text(row.type),
        reason,
        entryPoints: int(row.points),
        points,
        repaid,
        outstanding: reason === 'overdraft' ? points - repaid : 0,
        shopId: text(row.shop_id),
        deviceId: text(row.device_id),
        postingNo: int(row.posting_no),
        postedAt: isoTime(row.posted_at),
        at: isoTime(row.at),
      });
    }
  }
  return { flags };
}

/**
 * A member's debt is one pool: credits pay it back without saying which
 * overdraft they pay. For the report, repayments go to the oldest overdraft
 * first, so the outstanding amounts add up to the member's debt (as long as
 * all of it came from overdrafts).
 */
export function allocateRepayments(projection: Pick<Projection, 'flags' | 'repayments'>): Map<string, number> {
  let left = projection.repayments.reduce((sum, r) => sum + r.points, 0);
  const repaid = new Map<string, number>();
  const overdrafts: LedgerFlag[] = projection.flags.filter((f) => f.reason === 'overdraft');
  for (const flag of overdrafts) {
    const part = Math.min(flag.points, left);
    left -= part;
    repaid.set(flag.entryId, (repaid.get(flag.entryId) ?? 0) + part);
  }
  return repaid;
}
