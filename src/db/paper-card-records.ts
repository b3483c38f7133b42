import { from, map, switchMap, type Observable } from 'rxjs';
import { z } from 'zod';
import { getDatabase } from './database.ts';

/**
 * This tablet's own paper card migrations, as its clerk made them, kept in a
 * local document (never replicated). Why: when another tablet migrated the
 * same card first, sync replaces this tablet's migration entry with the
 * server's (same key, the other member or device). Only this record still says
 * what THIS clerk did, so the tablet can tell "posted" from "refused" and show
 * it. It also keeps the card photo until an upload path exists.
 */
export const paperCardRecordSchema = z.object({
  cardNo: z.string(),
  entryId: z.string(),
  memberId: z.string(),
  deviceId: z.string(),
  points: z.number().int(),
  /** A small JPEG data URL, or '' when no photo was taken. */
  photo: z.string(),
  /** 'manager-pin' when the balance needed and got a manager's approval; '' otherwise. */
  approval: z.enum(['', 'manager-pin']),
  createdAt: z.string(),
});
export type PaperCardRecord = z.infer<typeof paperCardRecordSchema>;

const RECORDS_KEY = 'paper-card-migrations';
/** The newest ones: a clerk checks today's, and photos must not fill the tablet. */
const KEEP = 200;
const storedSchema = z.object({ records: z.array(z.unknown()) });

function parseRecords(data: unknown): PaperCardRecord[] {
  const stored = storedSchema.safeParse(data);
  if (!stored.success) return [];
  // One unreadable record (an older app version) must not hide the others.
  return stored.data.records.flatMap((r) => {
    const parsed = paperCardRecordSchema.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  });
}

export async function loadPaperCardRecords(): Promise<PaperCardRecord[]> {
  const db = await getDatabase();
  const doc = await db.getLocal<{ records: unknown[] }>(RECORDS_KEY);
  return doc ? parseRecords(doc.toJSON().data) : [];
}

/** Adds (or replaces, for the same card) a record, newest first. */
export async function savePaperCardRecord(record: PaperCardRecord): Promise<void> {
  const db = await getDatabase();
  const records = (await loadPaperCardRecords()).filter((r) => r.cardNo !== record.cardNo);
  await db.upsertLocal<{ records: unknown[] }>(RECORDS_KEY, { records: [record, ...records].slice(0, KEEP) });
}

export function observePaperCardRecords(): Observable<PaperCardRecord[]> {
  return from(getDatabase()).pipe(
    switchMap((db) => db.getLocal$<{ records: unknown[] }>(RECORDS_KEY)),
    map((doc) => (doc ? parseRecords(doc.toJSON().data) : [])),
  );
}
