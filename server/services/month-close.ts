import type { PeriodClose } from '../../src/protocol/index.ts';
import { closeSnapshotSchema, TenpoError } from '../../src/protocol/index.ts';
import type { Queryable, Sql } from '../store/sql.ts';
import { POINT_ENTRY_COLUMNS, pointEntryDocument } from './documents.ts';
import { ledgerPolicy, toLedgerEntry } from './ledger-entry.ts';
import { buildSnapshot, monthBounds, monthOf, nextMonth, type CloseLedgerEntry, type PriorClose } from './month-close-snapshot.ts';
import { int, isoTime, jsonValue, text } from './rows.ts';
import { pointsPolicy } from './settings.ts';

/**
 * Serialises closes (not postings: a close reads entries up to a posting
 * number, and entries posted meanwhile simply belong to a later period, so
 * the tablets and the EC site are never held up by an accountant).
 */
export const PERIOD_CLOSE_LOCK = 7346101;

/**
 * Closes a JST month into an immutable snapshot (see month-close-snapshot.ts
 * for which entries it counts). Refused with 409 when the month has not ended
 * at `now`, is already closed, or is not the month after the last close:
 * months close in order, or a later close would have counted as "outstanding
 * at month end" points that an earlier, still-open month could yet move.
 */
export async function closeMonth(sql: Sql, month: string, now: string = new Date().toISOString()): Promise<PeriodClose> {
  return sql.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [PERIOD_CLOSE_LOCK]);
    const { end } = monthBounds(month);
    if (Date.parse(now) < end) {
      throw new TenpoError('month-not-ended', `${month} has not ended yet (JST)`, 409, { month, endsAt: new Date(end).toISOString() });
    }
    const prior = await priorCloses(tx);
    const last = prior.at(-1);
    if (last && month <= last.month) {
      const what = prior.some((c) => c.month === month) ? `${month} is already closed` : `${month} is before the last close (${last.month})`;
      throw new TenpoError('already-closed', what, 409, { month, lastClosed: last.month });
    }
    if (last && month !== nextMonth(last.month)) {
      const next = nextMonth(last.month);
      throw new TenpoError('close-out-of-order', `close ${next} first: months close in order`, 409, { month, next });
    }
    if (!last) await requireLedgerStarted(tx, month);

    // Every entry up to the highest committed posting number is committed: posting
    // numbers are drawn under the write lock, in commit order (write-transaction.ts).
    const { rows } = await tx.query<{ through: number | null }>('select max(posting_no) as through from point_entries');
    const postedThrough = int(rows[0]?.through ?? 0);
    const snapshot = buildSnapshot({
      month,
      prior,
      postedThrough,
      entries: await entriesThrough(tx, postedThrough),
      policy: ledgerPolicy(await pointsPolicy(tx)),
    });
    const { rows: inserted } = await tx.query(
      `insert into period_closes (month, closed_at, posted_through, snapshot) values ($1, $2, $3, $4::jsonb)
       returning month, closed_at, snapshot`,
      [month, now, postedThrough, JSON.stringify(snapshot)],
    );
    return closeOf(inserted[0]);
  });
}

/**
 * The first close may not precede the ledger's first month: a mistyped year
 * would otherwise oblige HQ to close every empty month from there to now.
 */
async function requireLedgerStarted(tx: Queryable, month: string): Promise<void> {
  const { rows } = await tx.query<{ first: unknown }>('select min(at) as first from point_entries where not deleted');
  const first = rows[0]?.first;
  if (first === null || first === undefined) return;
  const firstMonth = monthOf(isoTime(first));
  if (month < firstMonth) {
    throw new TenpoError('close-out-of-order', `the ledger starts in ${firstMonth}: the first close cannot be earlier`, 409, { month, first: firstMonth });
  }
}

export async function getClose(sql: Queryable, month: string): Promise<PeriodClose | null> {
  const { rows } = await sql.query('select month, closed_at, snapshot from period_closes where month = $1', [month]);
  return rows[0] ? closeOf(rows[0]) : null;
}

function closeOf(row: Record<string, unknown> | undefined): PeriodClose {
  if (!row) throw new Error('no close row');
  return { month: text(row.month), closedAt: isoTime(row.closed_at), snapshot: closeSnapshotSchema.parse(jsonValue(row.snapshot)) };
}

async function priorCloses(tx: Queryable): Promise<PriorClose[]> {
  const { rows } = await tx.query('select month, posted_through from period_closes order by month');
  return rows.map((row) => ({ month: text(row.month), postedThrough: int(row.posted_through) }));
}

/**
 * Every posted entry up to a posting number, in posting order, with its
 * member number. Read in one pass: a close runs monthly, off the counter's
 * path; a chain with tens of millions of entries would read it in slices.
 */
async function entriesThrough(tx: Queryable, postedThrough: number): Promise<CloseLedgerEntry[]> {
  const { rows } = await tx.query(
    `select e.*, m.member_no as close_member_no
       from (select ${POINT_ENTRY_COLUMNS} from point_entries where posting_no <= $1 and not deleted) e
       join members m on m.id = e.member_id
      order by e.posting_no`,
    [postedThrough],
  );
  return rows.map((row) => {
    const doc = pointEntryDocument(row);
    const at = doc.at;
    if (at === undefined || doc.postingNo === undefined || doc.postedAt === undefined) throw new Error(`entry ${doc.id} is not posted`);
    return {
      entry: toLedgerEntry({ ...doc, at }),
      memberId: doc.memberId,
      memberNo: text(row.close_member_no),
      deviceId: doc.deviceId,
      postedAt: doc.postedAt,
      postingNo: doc.postingNo,
      flags: doc.flags ?? [],
    };
  });
}
