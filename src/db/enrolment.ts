import { from, map, switchMap, type Observable } from 'rxjs';
import { z } from 'zod';
import { enrolResponseSchema } from '../protocol/index.ts';
import { getDatabase } from './database.ts';

/** What the tablet keeps after enrolling: the server's answer plus what the clerk typed. */
export const enrolmentSchema = enrolResponseSchema.extend({
  deviceName: z.string(),
  enrolledAt: z.string(),
});
export type Enrolment = z.infer<typeof enrolmentSchema>;

const ENROLMENT_KEY = 'enrolment';

/** Stored data that no longer parses (an older app version) counts as not enrolled. */
function parseStored(data: unknown): Enrolment | null {
  const parsed = enrolmentSchema.safeParse(data);
  return parsed.success ? parsed.data : null;
}

export async function loadEnrolment(): Promise<Enrolment | null> {
  const db = await getDatabase();
  const doc = await db.getLocal<Enrolment>(ENROLMENT_KEY);
  return doc ? parseStored(doc.toJSON().data) : null;
}

export async function saveEnrolment(enrolment: Enrolment): Promise<void> {
  const db = await getDatabase();
  await db.upsertLocal<Enrolment>(ENROLMENT_KEY, enrolment);
}

/** Emits the enrolment now and on every change; null while the tablet is not enrolled. */
export function observeEnrolment(): Observable<Enrolment | null> {
  return from(getDatabase()).pipe(
    switchMap((db) => db.getLocal$<Enrolment>(ENROLMENT_KEY)),
    map((doc) => (doc ? parseStored(doc.toJSON().data) : null)),
  );
}
