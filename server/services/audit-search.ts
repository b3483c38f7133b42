import { periodDays, unusualLookups, LOOKUP_FACTOR, LOOKUP_FLOOR_PER_DAY, MIN_SHOP_PEERS } from '../../src/domain/lookup-alerts.ts';
import type { AuditAlerts, AuditAlertsQuery, AuditPage, AuditSearchQuery } from '../../src/protocol/index.ts';
import { TenpoError } from '../../src/protocol/index.ts';
import type { Queryable } from '../store/sql.ts';
import { AUDIT_EVENT_COLUMNS, auditEventDocument, withoutTombstone } from './documents.ts';
import { isoTime } from './rows.ts';

/** An alert period longer than this is refused: the counts are a full scan of it. */
export const ALERT_PERIOD_MAX_DAYS = 92;
const DAY_MS = 86_400_000;

// The exact stored time (microseconds), so the keyset cursor never skips or repeats a row.
const AT_KEY = `to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at_key`;

/**
 * HQ's search of the audit log: every filter optional and combined with AND,
 * newest first (at, then id, descending), keyset-paginated: a page never
 * shifts because events arrived meanwhile, and each page is an index range
 * scan however deep the reader goes.
 */
export async function searchAuditEvents(sql: Queryable, query: AuditSearchQuery): Promise<AuditPage> {
  const where: string[] = [];
  const params: unknown[] = [];
  const bind = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const equal: [string, string | undefined][] = [
    ['staff_id', query.staffId],
    ['member_id', query.memberId],
    ['shop_id', query.shopId],
    ['device_id', query.deviceId],
    ['action', query.action],
  ];
  for (const [column, value] of equal) if (value !== undefined) where.push(`${column} = ${bind(value)}`);
  if (query.from !== undefined) where.push(`at >= ${bind(query.from)}::timestamptz`);
  if (query.to !== undefined) where.push(`at < ${bind(query.to)}::timestamptz`);
  if (query.cursor !== undefined) {
    const [at, id] = query.cursor.split('~');
    where.push(`(at, id) < (${bind(at)}::timestamptz, ${bind(id)})`);
  }
  // One more than asked: whether there is a next page without a count.
  const { rows } = await sql.query(
    `select ${AUDIT_EVENT_COLUMNS}, received_at, ${AT_KEY} from audit_events
      ${where.length > 0 ? `where ${where.join(' and ')}` : ''}
      order by at desc, id desc limit ${bind(query.limit + 1)}`,
    params,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    events: page.map((row) => ({ ...withoutTombstone(auditEventDocument(row)), receivedAt: isoTime(row.received_at) })),
    nextCursor: rows.length > query.limit && last ? `${String(last.at_key)}~${String(last.id)}` : null,
  };
}

/** The unusual-lookup alert over a period (src/domain/lookup-alerts.ts holds the rule). */
export async function lookupAlerts(sql: Queryable, query: AuditAlertsQuery, now: () => number = Date.now): Promise<AuditAlerts> {
  const toMs = query.to === undefined ? now() : Date.parse(query.to);
  const fromMs = query.from === undefined ? toMs - DAY_MS : Date.parse(query.from);
  // The schema checked the format; a date it lets through that no calendar has (month 13) is still a 400.
  if (Number.isNaN(fromMs) || Number.isNaN(toMs)) throw new TenpoError('invalid-request', 'not a time', 400, { from: query.from, to: query.to });
  if (fromMs >= toMs) throw new TenpoError('invalid-request', '`from` must be before `to`', 400, { from: query.from, to: query.to });
  if (toMs - fromMs > ALERT_PERIOD_MAX_DAYS * DAY_MS) {
    throw new TenpoError('invalid-request', `the period may be at most ${ALERT_PERIOD_MAX_DAYS} days`, 400, { maxDays: ALERT_PERIOD_MAX_DAYS });
  }
  const from = new Date(fromMs).toISOString();
  const to = new Date(toMs).toISOString();
  // Events without staff (before sign-in, or an API key's) name nobody to alert about.
  const { rows } = await sql.query<{ staff_id: string; shop_id: string | null; lookups: number | string }>(
    `select staff_id, shop_id, count(*) as lookups from audit_events
      where action = 'member-lookup' and staff_id is not null and at >= $1::timestamptz and at < $2::timestamptz
      group by staff_id, shop_id`,
    [from, to],
  );
  const counts = rows.map((row) => ({ staffId: row.staff_id, shopId: row.shop_id, lookups: Number(row.lookups) }));
  return {
    from,
    to,
    rule: { floorPerDay: LOOKUP_FLOOR_PER_DAY, factor: LOOKUP_FACTOR, minShopPeers: MIN_SHOP_PEERS },
    alerts: unusualLookups(counts, periodDays(fromMs, toMs)),
  };
}
