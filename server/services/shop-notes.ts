import { z } from 'zod';
import { shopNoteSchema, TenpoError, TIMELINE_ID_PREFIX } from '../../src/protocol/index.ts';
import type { Queryable } from '../store/sql.ts';
import { type AnyDocument, SYNCED_TABLES } from './collections.ts';
import type { Device } from './devices.ts';
import { shopsOfMembers } from './member-presence.ts';
import type { SyncServices } from './sync-push.ts';
import { TIMELINE_COLUMNS } from './timeline-documents.ts';
import { timelineWindowStart } from './timeline-window.ts';
import { parseEach } from './validate.ts';
import { writeTransaction } from './write-transaction.ts';

// zod drops what it does not know (RxDB bookkeeping); kind, channel and the
// empty purchase fields are literals, so a tablet can push a shop note only.
const noteRowSchema = shopNoteSchema.extend({ _deleted: z.boolean().default(false) });
type NoteRow = z.output<typeof noteRowSchema>;

const contactId = (docId: string): string => docId.slice(TIMELINE_ID_PREFIX.contact.length);

/**
 * POST /sync/v1/timeline/push: shop notes typed at the counter, stored as
 * contacts of channel `shop` (issue 9). Append-only like the ledger: a new id
 * is stored, the same id again (a retry, or other content) keeps the stored
 * note, a tombstone deletes nothing. Every pushed note comes back as the
 * server holds it, so the tablet's copy is confirmed (see pushEntries), as far
 * as the device may see it. Invalid rows fail the whole batch, naming them.
 */
export async function pushShopNotes(services: SyncServices, states: readonly unknown[], device: Device): Promise<AnyDocument[]> {
  const notes = parseEach(noteRowSchema, states, 'shop notes');
  requireOwnShop(notes, device);
  return writeTransaction(services.sql, services.notifier, async ({ tx, changed }) => {
    const stored = new Set((await readNotes(tx, notes.map((n) => n.id))).map((doc) => doc.id));
    const fresh = uniqueById(notes.filter((note) => !note._deleted && !stored.has(note.id)));
    await requireMembersAtShop(tx, fresh, device);
    if (fresh.length > 0) {
      const windowStart = await timelineWindowStart(tx);
      for (const note of fresh) {
        await tx.query(
          `insert into contacts (id, member_id, channel, at, summary, staff, shop_id, off_device)
           values ($1, $2, 'shop', $3, $4, $5, $6, $3::timestamptz < $7::timestamptz)`,
          // Milliseconds, as every time the API answers with.
          [contactId(note.id), note.memberId, new Date(note.at).toISOString(), note.summary, note.staff, device.shopId, windowStart],
        );
      }
      changed.add('timeline');
    }
    return visibleTo(tx, device, await readNotes(tx, notes.map((n) => n.id)));
  });
}

/** A note says where it was written: this tablet's shop, or it is refused. */
function requireOwnShop(notes: readonly NoteRow[], device: Device): void {
  const bad = notes.flatMap((note, index) =>
    note.shopId === device.shopId ? [] : [{ index, id: note.id, issues: [{ path: 'shopId', message: `a shop note of this tablet is written in ${device.shopId}` }] }],
  );
  if (bad.length > 0) throw new TenpoError('invalid-request', 'invalid shop notes', 400, bad);
}

function uniqueById(notes: readonly NoteRow[]): NoteRow[] {
  const seen = new Map<string, NoteRow>();
  for (const note of notes) if (!seen.has(note.id)) seen.set(note.id, note);
  return [...seen.values()];
}

/**
 * The member of a new note must exist and be one this shop's tablets hold. A
 * member registered offline reaches the server in its own push: until then 422,
 * which the tablet retries. A member of another shop answers the same, so a
 * tablet learns nothing of who exists elsewhere.
 */
async function requireMembersAtShop(tx: Queryable, notes: readonly NoteRow[], device: Device): Promise<void> {
  const shops = await shopsOfMembers(tx, notes.map((n) => n.memberId));
  const unknown = [...new Set(notes.filter((n) => shops.get(n.memberId)?.has(device.shopId) !== true).map((n) => n.memberId))];
  if (unknown.length > 0) {
    throw new TenpoError('unknown-member', `no member ${unknown.join(', ')} at this shop (yet)`, 422, { unknownMemberIds: unknown });
  }
}

async function readNotes(tx: Queryable, ids: readonly string[]): Promise<AnyDocument[]> {
  const table = SYNCED_TABLES.timeline;
  const { rows } = await tx.query(
    `select ${TIMELINE_COLUMNS} from timeline_items where kind = 'contact' and source_id = any($1::text[]) order by id`,
    [[...new Set(ids.map(contactId))]],
  );
  return rows.map((row) => table.toDocument(row));
}

/** An id taken by another member's contact answers nothing the device may not pull. */
async function visibleTo(tx: Queryable, device: Device, documents: AnyDocument[]): Promise<AnyDocument[]> {
  const table = SYNCED_TABLES.timeline;
  const scope = await table.loadScope?.(tx, documents);
  return documents.filter((doc) => table.visibleTo(device, doc, scope));
}
