import { signedPoints } from '../../src/domain/points.ts';
import { TenpoError, type PointEntryDraft, type Timeline, type TimelineItem, type TimelineKind, type TimelineQuery } from '../../src/protocol/index.ts';
import type { Queryable } from '../store/sql.ts';
import type { Device } from './devices.ts';
import { mergedGroupIds, resolveMemberByNo } from './identity/resolve.ts';
import { shopsOfMembers } from './member-presence.ts';
import { purchaseLines } from './purchases.ts';
import { int, isoTime, jsonValue, text } from './rows.ts';

/**
 * One branch per feed: its rows of the member's records as (kind, id, at,
 * channel, detail). Times are cut to milliseconds, the precision the API
 * answers with, so the cursor of a page names exactly where it ended.
 */
const BRANCHES: Record<TimelineKind, { table: string; at: string; detail: string; where?: string }> = {
  purchase: {
    table: 'purchases',
    at: 'at',
    detail: `jsonb_build_object('ref', ref, 'shopId', shop_id, 'totalYen', total_yen, 'lines', lines)`,
  },
  points: {
    table: 'point_entries',
    at: 'at',
    detail: `jsonb_build_object('type', type, 'points', points, 'direction', direction, 'reversesType', reverses_type, 'ref', ref)`,
  },
  contact: { table: 'contacts', at: 'at', detail: `jsonb_build_object('summary', summary, 'staff', staff)` },
  order: {
    table: 'orders',
    at: 'created_at',
    detail: `jsonb_build_object('jan', jan, 'quantity', quantity, 'status', status)`,
  },
};

/** Where a page starts: before this time, or (a cursor) after this item in the timeline's order. */
interface Before {
  at: string;
  id: string;
  kind: string;
}

function parseBefore(before: string): Before {
  const [time = '', id = '', kind = ''] = before.split('~');
  return { at: new Date(time).toISOString(), id, kind };
}

/**
 * GET /api/v1/members/:memberNo/timeline: purchases, point entries, contacts
 * and orders of the person, newest first, ordered by (time, id, kind) in
 * byte order so that a page boundary between items of the same millisecond
 * neither skips nor repeats one. The person is the survivor and every record
 * merged into it (名寄せ), as the points history reads it. Null for an
 * unknown number.
 */
export async function memberTimeline(sql: Queryable, memberNo: string, query: TimelineQuery): Promise<Timeline | null> {
  const resolved = await resolveMemberByNo(sql, memberNo);
  if (!resolved) return null;
  const ids = await mergedGroupIds(sql, resolved.member.id);
  const params: unknown[] = [ids, query.limit + 1];
  let keyset = 'true';
  if (query.before !== undefined) {
    const before = parseBefore(query.before);
    params.push(before.at, before.id, before.kind);
    keyset = `(t_at < $3 or (t_at = $3 and (id collate "C" < $4 or (id = $4 and t_kind collate "C" < $5))))`;
  }
  const branches = Object.entries(BRANCHES).map(
    ([kind, branch]) => `(select * from (
        select '${kind}'::text as t_kind, id, date_trunc('milliseconds', ${branch.at}) as t_at, channel, ${branch.detail} as detail
          from ${branch.table} where member_id = any($1::text[]) and not deleted) b
       where ${keyset} order by t_at desc, id collate "C" desc limit $2)`,
  );
  const { rows } = await sql.query(
    `select * from (${branches.join(' union all ')}) t order by t_at desc, id collate "C" desc, t_kind collate "C" desc limit $2`,
    params,
  );
  const items = rows.slice(0, query.limit).map(timelineItem);
  const last = items.at(-1);
  return {
    memberNo: resolved.member.memberNo,
    ...(resolved.mergedFromNo === undefined ? {} : { mergedFromNo: resolved.mergedFromNo }),
    items,
    nextBefore: rows.length > query.limit && last ? `${last.at}~${last.id}~${last.kind}` : null,
  };
}

/**
 * GET /sync/v1/members/:memberId/timeline: the same pages for a member the
 * tablet holds (older history than its replicated window, online). A member
 * outside the shop's scope answers like an unknown id (404), as suggestions do.
 */
export async function deviceMemberTimeline(sql: Queryable, device: Device, memberId: string, query: TimelineQuery): Promise<Timeline> {
  const { rows } = await sql.query<{ member_no: string }>('select member_no from members where id = $1 and not deleted', [memberId]);
  const shops = await shopsOfMembers(sql, [memberId]);
  const timeline = rows[0] && shops.get(memberId)?.has(device.shopId) ? await memberTimeline(sql, rows[0].member_no, query) : null;
  if (!timeline) throw new TenpoError('not-found', `no member ${memberId} at this shop`);
  return timeline;
}

function timelineItem(row: Record<string, unknown>): TimelineItem {
  const base = { id: text(row.id), at: isoTime(row.t_at) };
  const detail = jsonValue(row.detail) as Record<string, unknown>;
  const kind = text(row.t_kind) as TimelineKind;
  switch (kind) {
    case 'purchase':
      return {
        kind,
        channel: text(row.channel) as 'store' | 'ec',
        ...base,
        ref: text(detail.ref),
        shopId: text(detail.shopId),
        totalYen: int(detail.totalYen),
        lines: purchaseLines(detail.lines),
      };
    case 'points': {
      const entry = {
        type: text(detail.type) as PointEntryDraft['type'],
        points: int(detail.points),
        ...(typeof detail.direction === 'string' ? { direction: detail.direction as NonNullable<PointEntryDraft['direction']> } : {}),
        ...(typeof detail.reversesType === 'string' ? { reversesType: detail.reversesType as NonNullable<PointEntryDraft['reversesType']> } : {}),
      };
      return { kind, channel: text(row.channel) as 'store' | 'ec', ...base, type: entry.type, points: signedPoints(entry), ref: text(detail.ref) };
    }
    case 'contact':
      return { kind, channel: text(row.channel) as 'line' | 'phone' | 'email' | 'shop', ...base, summary: text(detail.summary), staff: text(detail.staff) };
    case 'order':
      return {
        kind,
        channel: text(row.channel) as 'store' | 'ec',
        ...base,
        jan: text(detail.jan),
        quantity: int(detail.quantity),
        status: text(detail.status) as Extract<TimelineItem, { kind: 'order' }>['status'],
      };
  }
}
