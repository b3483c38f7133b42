import { SHOP_NOTE_MAX_LENGTH, TIMELINE_ID_PREFIX, shopNoteSchema, type ShopNote } from '../protocol/index.ts';
import { signedInStaff } from '../staff/session.ts';
import { getDatabase } from './database.ts';
import { loadEnrolment } from './enrolment.ts';
import { newId } from './new-id.ts';

export type ShopNoteFailure = 'empty' | 'too-long' | 'not-enrolled' | 'storage-error';
export type ShopNoteResult = { ok: true; note: ShopNote } | { ok: false; reason: ShopNoteFailure };

/**
 * A short note typed at the counter about what the customer asked for (issue
 * 9). Written locally, so it works offline; the `timeline` replication pushes
 * it and every channel's timeline shows it. The only timeline document a
 * tablet writes.
 */
export async function addShopNote(memberId: string, summary: string): Promise<ShopNoteResult> {
  const text = summary.trim();
  if (text === '') return { ok: false, reason: 'empty' };
  if (text.length > SHOP_NOTE_MAX_LENGTH) return { ok: false, reason: 'too-long' };
  const enrolment = await loadEnrolment();
  if (!enrolment) return { ok: false, reason: 'not-enrolled' };
  const now = new Date().toISOString();
  const note = shopNoteSchema.parse({
    id: `${TIMELINE_ID_PREFIX.contact}${newId()}`,
    memberId,
    kind: 'contact',
    channel: 'shop',
    at: now,
    shopId: enrolment.shop.id,
    ref: '',
    totalYen: 0,
    lines: [],
    summary: text,
    staff: signedInStaff()?.staffId ?? '',
    updatedAt: now,
  });
  try {
    const db = await getDatabase();
    await db.timeline.insert(note);
    return { ok: true, note };
  } catch (error) {
    console.error(error);
    return { ok: false, reason: 'storage-error' };
  }
}
