import type { TimelineDoc, WireDocument } from '../../src/protocol/index.ts';
import { purchaseLines } from './purchases.ts';
import { int, isoTime, text } from './rows.ts';

/**
 * The synced collection `timeline`: purchases and contacts through the view
 * timeline_items (migration 0017), ids prefixed with their kind.
 */
export const TIMELINE_COLUMNS = 'id, kind, channel, at, shop_id, ref, total_yen, lines, summary, staff, member_id, updated_at, deleted, off_device, seq';

type Row = Record<string, unknown>;

/**
 * An item that left the device window (off_device) goes out as a tombstone
 * without its receipt number, lines or text: a device that held it deletes it,
 * and no free text of another channel outlives the window on a tablet.
 */
export function timelineDocument(row: Row): WireDocument<TimelineDoc> {
  const offDevice = row.off_device === true;
  return {
    id: text(row.id),
    memberId: text(row.member_id),
    kind: text(row.kind) as TimelineDoc['kind'],
    channel: text(row.channel) as TimelineDoc['channel'],
    at: isoTime(row.at),
    shopId: text(row.shop_id),
    ref: offDevice ? '' : text(row.ref),
    totalYen: offDevice ? 0 : int(row.total_yen),
    // In the wire's key order; a line the feed gave no name is stored with '' (purchases.ts).
    lines: offDevice ? [] : purchaseLines(row.lines),
    summary: offDevice ? '' : text(row.summary),
    staff: offDevice ? '' : text(row.staff),
    updatedAt: isoTime(row.updated_at),
    _deleted: row.deleted === true || offDevice,
  };
}
