import type { RxCollection } from 'rxdb';
import { checkRegistration, type RegistrationCheck, type RegistrationForm, type Registration } from '../domain/member-registration.ts';
import { unlinkedMember, type Member } from '../protocol/index.ts';
import { getDatabase } from './database.ts';
import { loadEnrolment } from './enrolment.ts';
import { newId } from './new-id.ts';

export type RegisterInput = RegistrationForm;

export type RegisterResult =
  | { ok: true; member: Member }
  | { ok: false; reason: 'invalid'; problems: Extract<RegistrationCheck, { ok: false }>['problems'] }
  | { ok: false; reason: 'not-enrolled' | 'storage-error' };

/**
 * The member document a registration writes: a UUID made here (entries refer
 * to it, so the member can earn at once, offline too), no number yet (''; the
 * server gives the permanent one on sync and every tablet converges on it),
 * nothing verified, merged or linked. Exported for tests.
 */
export function newMemberDocument(registration: Registration, homeShopId: string, now: Date, id: string = newId()): Member {
  return {
    ...unlinkedMember(),
    id,
    memberNo: '',
    name: registration.name,
    nameKana: registration.nameKana,
    kanaKey: registration.kanaKey,
    phone: registration.phone,
    email: registration.email,
    homeShopId,
    consentTerms: registration.consentTerms,
    consentMarketing: registration.consentMarketing,
    updatedAt: now.toISOString(),
  };
}

/** Writes a registration into this collection (exported for tests; the app calls registerMember). */
export async function insertRegistration(members: RxCollection<Member>, input: RegisterInput, homeShopId: string, now = new Date()): Promise<RegisterResult> {
  const check = checkRegistration(input);
  if (!check.ok) return { ok: false, reason: 'invalid', problems: check.problems };
  const doc = await members.insert(newMemberDocument(check.registration, homeShopId, now));
  return { ok: true, member: doc.toMutableJSON() };
}

/**
 * Registers a member at the counter, in this tablet's database only: the
 * network is never on the path of the clerk's tap. Checked with the server's
 * own rules first, so replication never carries a member the server refuses.
 */
export async function registerMember(input: RegisterInput): Promise<RegisterResult> {
  const enrolment = await loadEnrolment();
  if (!enrolment) return { ok: false, reason: 'not-enrolled' };
  try {
    const db = await getDatabase();
    return await insertRegistration(db.members, input, enrolment.shop.id);
  } catch (error) {
    console.error('registering a member failed', error);
    return { ok: false, reason: 'storage-error' };
  }
}
