import { normaliseEmail } from './email.ts';
import { foldKana } from './kana.ts';

/** What 名寄せ compares of a member: the identifiers and the person-level facts. */
export interface MemberIdentity {
  id: string;
  /** E.164 (see normalisePhone), or '' when none was given. */
  phone: string;
  phoneVerified: boolean;
  /** As stored; normalised again here. '' when none was given. */
  email: string;
  emailVerified: boolean;
  lineUserId?: string;
  nameKana: string;
  /** YYYY-MM-DD. */
  birthdate?: string;
}

export type MatchBand = 'auto-link' | 'review' | 'ignore';

/** Stable kebab-case reasons, shown in the HQ review queue. */
export type MatchReason =
  | 'same-verified-phone'
  | 'same-verified-email'
  | 'same-line-user'
  | 'same-kana'
  | 'same-birthdate'
  | 'same-unverified-phone'
  | 'same-unverified-email'
  | 'same-phone-last4'
  | 'same-email-local-part'
  | 'same-record'
  | 'kana-differs'
  | 'birthdate-missing'
  | 'birthdate-differs'
  | 'no-contact-agrees';

export interface MatchResult {
  band: MatchBand;
  reasons: MatchReason[];
}

/**
 * Score two member records as candidate duplicates. A wrong merge is worse than
 * a missed one: it shows one person's points and history to another and spends
 * someone else's balance, while a missed duplicate only leaves two cards. So
 * only proof of the same person links by itself, likeness only ever goes to a
 * human, and anything less than strong likeness is left alone.
 */
export function matchBand(a: MemberIdentity, b: MemberIdentity): MatchResult {
  // The same record is not a duplicate of itself; linking it would make a loop.
  if (a.id === b.id) return { band: 'ignore', reasons: ['same-record'] };

  const emailA = normaliseEmail(a.email);
  const emailB = normaliseEmail(b.email);

  // Auto-link: the same identifier, proven on BOTH records. One verified side is
  // not enough: the other side's number was only typed, perhaps mistyped or a
  // family member's, and nobody proved they own it. A LINE user id is issued by
  // LINE to one account after login, so it is proof by itself.
  const proof: MatchReason[] = [];
  if (a.phone !== '' && a.phone === b.phone && a.phoneVerified && b.phoneVerified) proof.push('same-verified-phone');
  if (emailA !== null && emailA === emailB && a.emailVerified && b.emailVerified) proof.push('same-verified-email');
  if (a.lineUserId && a.lineUserId === b.lineUserId) proof.push('same-line-user');
  if (proof.length > 0) return { band: 'auto-link', reasons: proof };

  // Review: the person looks the same (folded kana and birthdate both agree)
  // AND some contact detail agrees. Kana + birthdate alone is too common to
  // even ask about (two 「サトウ ヨウコ」 born the same day in a large chain are
  // expected); a shared unverified phone or email alone may be a household's.
  const mismatch: MatchReason[] = [];
  const kanaA = foldKana(a.nameKana);
  if (kanaA === '' || kanaA !== foldKana(b.nameKana)) mismatch.push('kana-differs');
  if (a.birthdate === undefined || b.birthdate === undefined) mismatch.push('birthdate-missing');
  else if (a.birthdate !== b.birthdate) mismatch.push('birthdate-differs');

  const contact = agreeingContact(a, b, emailA, emailB);
  if (contact.length === 0) mismatch.push('no-contact-agrees');
  if (mismatch.length > 0) return { band: 'ignore', reasons: mismatch };

  return { band: 'review', reasons: ['same-kana', 'same-birthdate', ...contact] };
}

/**
 * Partial contact agreement. The full phone or email agrees but is not proven
 * on both sides (else it would have auto-linked); or only the phone's last four
 * digits agree (a changed carrier plan, a mistyped prefix); or only the
 * address's local part agrees (taro.k@docomo → taro.k@gmail on a new phone).
 */
function agreeingContact(
  a: MemberIdentity,
  b: MemberIdentity,
  emailA: string | null,
  emailB: string | null,
): MatchReason[] {
  const reasons: MatchReason[] = [];
  if (a.phone !== '' && b.phone !== '') {
    if (a.phone === b.phone) reasons.push('same-unverified-phone');
    else if (a.phone.slice(-4) === b.phone.slice(-4)) reasons.push('same-phone-last4');
  }
  if (emailA !== null && emailB !== null) {
    if (emailA === emailB) reasons.push('same-unverified-email');
    else if (localPart(emailA) === localPart(emailB)) reasons.push('same-email-local-part');
  }
  return reasons;
}

function localPart(email: string): string {
  return email.slice(0, email.lastIndexOf('@'));
}
