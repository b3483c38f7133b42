import { from, map, switchMap, type Observable } from 'rxjs';
import { z } from 'zod';
import { DEFAULT_DEVICE_POLICY, DEVICE_POLICY_SETTINGS_ID, devicePolicySchema } from '../protocol/index.ts';
import { getDatabase } from './database.ts';

/**
 * The inputs of the offline lease (src/domain/device-lease.ts): when this
 * tablet last reached the server, and how long HQ lets it go without. The
 * contact time is a local document of the tablet's database, so it survives a
 * reload and is wiped with everything else.
 */
const LAST_CONTACT_KEY = 'last-server-contact';
const lastContactSchema = z.object({ at: z.iso.datetime({ offset: true }) });

export async function saveServerContact(at: Date): Promise<void> {
  const db = await getDatabase();
  await db.upsertLocal(LAST_CONTACT_KEY, { at: at.toISOString() });
}

/** Epoch ms of the last successful server contact; null before the first one. */
export function observeLastServerContact(): Observable<number | null> {
  return from(getDatabase()).pipe(
    switchMap((db) => db.getLocal$(LAST_CONTACT_KEY)),
    map((doc) => {
      const parsed = lastContactSchema.safeParse(doc?.toJSON().data);
      return parsed.success ? Date.parse(parsed.data.at) : null;
    }),
  );
}

/**
 * The lease length from the synced device policy. Only leaseHours is read
 * here: a policy whose other fields a newer HQ changed shape must not undo
 * the lease, so that one field is parsed on its own.
 */
export function observeLeaseHours(): Observable<number> {
  return from(getDatabase()).pipe(
    switchMap((db) => db.settings.findOne(DEVICE_POLICY_SETTINGS_ID).$),
    map((doc) => {
      const parsed = devicePolicySchema.shape.leaseHours.safeParse((doc?.toMutableJSON().devicePolicy as { leaseHours?: unknown } | undefined)?.leaseHours);
      return parsed.success ? parsed.data : DEFAULT_DEVICE_POLICY.leaseHours;
    }),
  );
}
