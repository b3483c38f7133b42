import { combineLatest, from, map, switchMap, type Observable } from 'rxjs';
import { getDatabase } from '../db/database.ts';
import { observeEnrolment } from '../db/enrolment.ts';
import { NO_WRONG_PINS, type PinAttempts } from '../domain/pin-lockout.ts';
import {
  DEFAULT_DEVICE_POLICY,
  DEVICE_POLICY_SETTINGS_ID,
  devicePolicySchema,
  staffSchema,
  type DevicePolicy,
  type Staff,
} from '../protocol/index.ts';

/**
 * The staff and the device policy as the settings collection last synced
 * them, and this tablet's count of wrong PINs per staff member (an RxDB local
 * document: never replicated, survives a reload, gone with a wipe).
 */

export interface ShopStaff {
  /** False until the first settings sync has brought any staff member: nobody can sign in yet. */
  synced: boolean;
  /** Active staff of this tablet's shop and hq, by name. */
  staff: Staff[];
}

function parseStaff(bodies: unknown[]): Staff[] {
  return bodies.flatMap((body) => {
    const parsed = staffSchema.safeParse(body);
    return parsed.success ? [parsed.data] : [];
  });
}

export function observeShopStaff(): Observable<ShopStaff> {
  return from(getDatabase()).pipe(
    switchMap((db) => combineLatest([observeEnrolment(), db.settings.find().$])),
    map(([enrolment, docs]) => {
      const all = parseStaff(docs.map((doc) => doc.toMutableJSON().staff).filter((staff) => staff !== undefined));
      const shopId = enrolment?.shop.id;
      const staff = all
        .filter((member) => member.active && (member.shopId === null || member.shopId === shopId))
        .sort((a, b) => a.name.localeCompare(b.name, 'ja'));
      return { synced: all.length > 0, staff };
    }),
  );
}

/** One staff member as synced, whatever their state (the guarded operations check active and role themselves). */
export async function loadStaff(staffId: string): Promise<Staff | null> {
  const db = await getDatabase();
  const doc = await db.settings.findOne(`staff:${staffId}`).exec();
  const parsed = staffSchema.safeParse(doc?.toMutableJSON().staff);
  return parsed.success ? parsed.data : null;
}

function parsePolicy(body: unknown): DevicePolicy {
  const parsed = devicePolicySchema.safeParse(body);
  return parsed.success ? parsed.data : DEFAULT_DEVICE_POLICY;
}

export async function loadDevicePolicy(): Promise<DevicePolicy> {
  const db = await getDatabase();
  const doc = await db.settings.findOne(DEVICE_POLICY_SETTINGS_ID).exec();
  return parsePolicy(doc?.toMutableJSON().devicePolicy);
}

export function observeDevicePolicy(): Observable<DevicePolicy> {
  return from(getDatabase()).pipe(
    switchMap((db) => db.settings.findOne(DEVICE_POLICY_SETTINGS_ID).$),
    map((doc) => parsePolicy(doc?.toMutableJSON().devicePolicy)),
  );
}

const attemptsKey = (staffId: string): string => `pin-attempts:${staffId}`;

export async function loadPinAttempts(staffId: string): Promise<PinAttempts> {
  const db = await getDatabase();
  const doc = await db.getLocal<PinAttempts>(attemptsKey(staffId));
  const data = doc?.toJSON().data;
  if (!data || typeof data.wrongInARow !== 'number') return NO_WRONG_PINS;
  return { wrongInARow: data.wrongInARow, lockedUntil: typeof data.lockedUntil === 'number' ? data.lockedUntil : null };
}

export async function savePinAttempts(staffId: string, attempts: PinAttempts): Promise<void> {
  const db = await getDatabase();
  await db.upsertLocal<PinAttempts>(attemptsKey(staffId), attempts);
}
