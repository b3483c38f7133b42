import type { Order, PointEntry } from '../protocol/documents.ts';
import type { TimelineItem } from '../protocol/feed-api.ts';
import { TIMELINE_ID_PREFIX, type TimelineDoc } from '../protocol/timeline-doc.ts';
import { signedPoints } from './points.ts';

/**
 * Issue 9: the member's profile timeline — purchases and contacts (the
 * `timeline` collection), point entries and orders — as one list, newest
 * first. The items have the shape of the server's timeline page
 * (GET …/timeline), so the older pages read online merge into the same list.
 */
export type ProfileItem = TimelineItem & {
  /** Written on this tablet and not yet taken by the server (a point entry without a posting number). */
  pending: boolean;
  /** Belongs to a record merged into the member (名寄せ). */
  merged: boolean;
};

/** What the tablet holds for the member and every record merged into them. */
export interface ProfileSources {
  docs: readonly TimelineDoc[];
  entries: readonly PointEntry[];
  orders: readonly Order[];
}

export interface ProfileTimelineOptions {
  /** The member shown (records merged into them are marked `merged`). */
  memberId: string;
  /** Purchases and contacts before this time are not shown from the tablet (the window; older ones are read online). */
  since: string;
  /** Older pages read online, in memory only. */
  older?: readonly TimelineItem[];
}

const msOf = (iso: string): number => Date.parse(iso);

/** The start of the device's window: `days` before `now`. */
export function windowStart(now: string, days: number): string {
  return new Date(msOf(now) - days * 86_400_000).toISOString();
}

/** The server's id of the row behind a timeline document (its `purchase:` / `contact:` prefix dropped). */
function rawId(doc: TimelineDoc): string {
  const prefix = TIMELINE_ID_PREFIX[doc.kind];
  return doc.id.startsWith(prefix) ? doc.id.slice(prefix.length) : doc.id;
}

function docItem(doc: TimelineDoc, merged: boolean): ProfileItem {
  const base = { id: rawId(doc), at: doc.at, pending: false, merged };
  if (doc.kind === 'purchase') {
    const channel = doc.channel === 'ec' ? 'ec' : 'store';
    return { kind: 'purchase', channel, ...base, ref: doc.ref, shopId: doc.shopId, totalYen: doc.totalYen, lines: doc.lines };
  }
  const channel = doc.channel === 'store' || doc.channel === 'ec' ? 'shop' : doc.channel;
  return { kind: 'contact', channel, ...base, summary: doc.summary, staff: doc.staff };
}

function entryItem(entry: PointEntry, merged: boolean): ProfileItem {
  return {
    kind: 'points',
    channel: entry.channel,
    id: entry.id,
    // The business time once posted; the writer's clock until then.
    at: entry.at ?? entry.createdAt,
    type: entry.type,
    points: signedPoints(entry),
    ref: entry.ref,
    pending: entry.postingNo === undefined,
    merged,
  };
}

function orderItem(order: Order, merged: boolean): ProfileItem {
  const { id, jan, quantity, status, channel } = order;
  // An order's own status says whether the server has it ('pending'); no second badge.
  return { kind: 'order', channel, id, at: order.createdAt, jan, quantity, status, pending: false, merged };
}

/** One key per row across kinds: the server's ids are unique per table only. */
export function itemKey(item: Pick<TimelineItem, 'kind' | 'id'>): string {
  return `${item.kind}:${item.id}`;
}

/** Newest first; rows of the same moment in a fixed order (id, then kind), as the server pages them. */
export function compareNewestFirst(a: TimelineItem, b: TimelineItem): number {
  const byTime = msOf(b.at) - msOf(a.at);
  if (byTime !== 0) return byTime;
  if (a.id !== b.id) return a.id < b.id ? 1 : -1;
  return a.kind < b.kind ? 1 : a.kind > b.kind ? -1 : 0;
}

/**
 * The list the profile shows. Deleted documents never reach here (RxDB's
 * queries leave them out). Point entries and orders are shown whatever their
 * age: the tablet holds them anyway. An older page may repeat a row the
 * tablet holds; the tablet's copy wins (it knows what is still unsent).
 */
export function profileTimeline(sources: ProfileSources, options: ProfileTimelineOptions): ProfileItem[] {
  const since = msOf(options.since);
  const isMerged = (memberId: string): boolean => memberId !== options.memberId;
  const local: ProfileItem[] = [
    ...sources.docs.filter((doc) => msOf(doc.at) >= since).map((doc) => docItem(doc, isMerged(doc.memberId))),
    ...sources.entries.map((entry) => entryItem(entry, isMerged(entry.memberId))),
    ...sources.orders.map((order) => orderItem(order, isMerged(order.memberId))),
  ];
  const byKey = new Map<string, ProfileItem>();
  for (const item of local) byKey.set(itemKey(item), item);
  for (const item of options.older ?? []) {
    const key = itemKey(item);
    if (!byKey.has(key)) byKey.set(key, { ...item, pending: false, merged: false });
  }
  return [...byKey.values()].sort(compareNewestFirst);
}
