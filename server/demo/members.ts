import { foldKana } from '../../src/domain/identity/kana.ts';
import { unlinkedMember, type Member } from '../../src/protocol/documents.ts';
import { BASE_MS, YEAR_MS, isoAt } from './clock.ts';
import { makeEmail } from './emails.ts';
import { HOME_SHOP_CHOICES, HOME_SHOP_WEIGHTS } from './locations.ts';
import { FAMILY_NAMES, FAMILY_WEIGHTS, GIVEN_NAMES, type NamePart } from './names.ts';
import { newMobileNumber, pickPhoneStyle, spellPhone, type DemoPhone } from './phones.ts';
import { createRng, type Rng } from './random.ts';

/** A member document plus the phone exactly as the legacy system spelled it. */
export interface DemoMember extends Member {
  rawPhone: string;
}

export type DuplicateReason = 'same-phone' | 'variant-kanji' | 'same-phone-variant-kanji';

/** One person registered twice: the later registration is the duplicate. */
export interface DemoDuplicatePair {
  originalId: string;
  originalMemberNo: string;
  duplicateId: string;
  duplicateMemberNo: string;
  reason: DuplicateReason;
}

export interface GeneratedMembers {
  members: DemoMember[];
  duplicates: DemoDuplicatePair[];
  /** Registration instant of each member (same order): their history starts after it. */
  registeredAtMs: number[];
}

/** Ten digits, never a leading 0, so a member number is never mistaken for a phone number. */
export const FIRST_MEMBER_NO = 2_000_000_001;
/** Member numbers are issued in time order over the chain's last six years. */
const REGISTRATION_SPAN_MS = 6 * YEAR_MS;
const PHONE_SHARE = 0.92;
const EMAIL_SHARE = 0.4;
const DUPLICATE_SHARE = 0.005;

interface Person {
  family: NamePart;
  familyKanji: string;
  given: NamePart;
  phone: DemoPhone | null;
  national: string | null;
  email: string;
  homeShopId: string;
}

export function generateMembers(seed: number, count: number): GeneratedMembers {
  const rng = createRng(seed, 'members');
  const usedPhones = new Set<string>();
  const usedEmails = new Set<string>();
  const duplicatePositions = pickDuplicatePositions(rng, count);
  const people: Person[] = [];
  const members: DemoMember[] = [];
  const duplicates: DemoDuplicatePair[] = [];
  const registeredAtMs: number[] = [];
  const alreadyDuplicated = new Set<number>();

  for (let i = 0; i < count; i += 1) {
    // Non-decreasing in i: a higher member number never registered earlier.
    const registeredAt = BASE_MS - REGISTRATION_SPAN_MS + Math.floor(((i + rng.next()) * REGISTRATION_SPAN_MS) / count);
    const twin = duplicatePositions.has(i) ? duplicateOf(rng, people, alreadyDuplicated, usedPhones, usedEmails) : null;
    const person = twin?.person ?? newPerson(rng, usedPhones, usedEmails);
    // Most records were never edited after sign-up; some had a contact change since.
    const updatedAt = rng.chance(0.2) ? registeredAt + Math.floor(rng.next() * (BASE_MS - registeredAt)) : registeredAt;
    const member: DemoMember = {
      id: rng.uuid(),
      memberNo: String(FIRST_MEMBER_NO + i),
      name: `${person.familyKanji} ${person.given.kanji}`,
      nameKana: `${person.family.kana} ${person.given.kana}`,
      kanaKey: foldKana(`${person.family.kana} ${person.given.kana}`),
      phone: person.phone?.e164 ?? '',
      email: person.email,
      homeShopId: person.homeShopId,
      updatedAt: isoAt(updatedAt),
      rawPhone: person.phone?.raw ?? '',
      ...unlinkedMember(),
    };
    if (twin) {
      const original = members[twin.originalIndex];
      if (!original) throw new Error('duplicate of a member not made yet');
      alreadyDuplicated.add(twin.originalIndex);
      // 名寄せ's auto band: every other pair sharing a phone has it verified on both records.
      if (twin.reason !== 'variant-kanji' && duplicates.length % 2 === 0) {
        original.phoneVerified = true;
        member.phoneVerified = true;
      }
      duplicates.push({
        originalId: original.id,
        originalMemberNo: original.memberNo,
        duplicateId: member.id,
        duplicateMemberNo: member.memberNo,
        reason: twin.reason,
      });
    }
    people.push(person);
    members.push(member);
    registeredAtMs.push(registeredAt);
  }
  return { members, duplicates, registeredAtMs };
}

/** About 0.5% of records, at least one whenever there are two members, so small test sets have one too. */
function pickDuplicatePositions(rng: Rng, count: number): Set<number> {
  const positions = new Set<number>();
  if (count < 2) return positions;
  const wanted = Math.max(1, Math.round(count * DUPLICATE_SHARE));
  while (positions.size < wanted) positions.add(rng.int(1, count - 1));
  return positions;
}

function newPerson(rng: Rng, usedPhones: Set<string>, usedEmails: Set<string>): Person {
  const family = rng.weighted(FAMILY_NAMES, FAMILY_WEIGHTS);
  const given = rng.pick(GIVEN_NAMES);
  const national = rng.chance(PHONE_SHARE) ? newMobileNumber(rng, usedPhones) : null;
  return {
    family,
    familyKanji: family.kanji,
    given,
    national,
    phone: national === null ? null : spellPhone(national, pickPhoneStyle(rng)),
    email: rng.chance(EMAIL_SHARE) ? makeEmail(rng, family, given, usedEmails) : '',
    homeShopId: rng.weighted(HOME_SHOP_CHOICES, HOME_SHOP_WEIGHTS),
  };
}

/**
 * The same person signing up again (another shop, or the EC site, having
 * forgotten the first card): the phone typed another way, and/or the family
 * name in a variant kanji with the same reading. Returns null when no
 * earlier member suits (then an ordinary member is made instead).
 */
function duplicateOf(
  rng: Rng,
  people: readonly Person[],
  alreadyDuplicated: ReadonlySet<number>,
  usedPhones: Set<string>,
  usedEmails: Set<string>,
): { person: Person; originalIndex: number; reason: DuplicateReason } | null {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const originalIndex = rng.int(0, people.length - 1);
    const original = people[originalIndex];
    if (!original || alreadyDuplicated.has(originalIndex)) continue;
    const variants = original.family.variants ?? [];
    const hasPhone = original.national !== null;
    const options = (
      [
        ['same-phone', hasPhone ? 5 : 0],
        ['variant-kanji', variants.length > 0 ? 3 : 0],
        ['same-phone-variant-kanji', hasPhone && variants.length > 0 ? 2 : 0],
      ] as const
    ).filter(([, weight]) => weight > 0);
    if (options.length === 0) continue;

    const reason = rng.weighted(
      options.map(([r]) => r),
      options.map(([, w]) => w),
    );
    const samePhone = reason !== 'variant-kanji';
    const national = samePhone ? original.national : rng.chance(0.5) ? newMobileNumber(rng, usedPhones) : null;
    const phoneStyle = pickPhoneStyle(rng, samePhone ? original.phone?.style : undefined);
    const homeShopId = rng.weighted(HOME_SHOP_CHOICES, HOME_SHOP_WEIGHTS);
    const person: Person = {
      ...original,
      familyKanji: reason === 'same-phone' ? original.familyKanji : rng.pick(variants),
      national,
      phone: national === null ? null : spellPhone(national, phoneStyle),
      // A second sign-up rarely repeats the address: a new one or none at all.
      email: rng.chance(0.3) ? makeEmail(rng, original.family, original.given, usedEmails) : '',
      homeShopId,
    };
    return { person, originalIndex, reason };
  }
  return null;
}
