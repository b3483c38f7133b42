import { normaliseEmail } from './identity/email.ts';
import { foldKana } from './identity/kana.ts';
import { parsePaperCardNo } from './paper-card.ts';
import { normalisePhone } from './phone.ts';

/** What a clerk typed into the member search box, interpreted. */
export type MemberQuery =
  | { by: 'memberNo'; memberNo: string }
  | { by: 'phone'; phone: string }
  | { by: 'email'; email: string }
  | { by: 'kana'; kanaKey: string }
  | { by: 'paperCard'; cardNo: string }
  | { by: 'none' };

// Spaces and the dashes people put in numbers (－ and ｰ are - and ー after NFKC).
const NUMBER_SEPARATORS = /[\s\u2010-\u2015\u2212\u30fc-]/g;
const MEMBER_NO = /^[1-9]\d{9}$/;
/** Katakana and the long-vowel mark: a kana name after foldKana, nothing else. */
const FOLDED_KANA = /^[\u30a1-\u30fa\u30fc\u30fd\u30fe]+$/;

/** True when a name-kana field, once folded, is kana only (what registration requires). */
export function isKanaName(input: string): boolean {
  return FOLDED_KANA.test(foldKana(input));
}

/**
 * Reads the search box. In order: an e-mail (it has an @), a member number (10
 * digits, no leading 0), a phone number (any spelling libphonenumber-js reads
 * as Japanese or +81), a paper card number (13 digits, see paper-card.ts), a kana prefix
 * (hiragana, katakana, half-width alike). Anything else (a kanji name) is not
 * searchable here.
 */
export function parseMemberQuery(input: string): MemberQuery {
  const text = input.normalize('NFKC').trim();
  if (text === '') return { by: 'none' };
  if (text.includes('@')) {
    const email = normaliseEmail(text);
    return email ? { by: 'email', email } : { by: 'none' };
  }
  const compact = text.replace(NUMBER_SEPARATORS, '');
  if (/^\+?\d+$/.test(compact)) {
    if (MEMBER_NO.test(compact)) return { by: 'memberNo', memberNo: compact };
    const phone = normalisePhone(text);
    if (phone) return { by: 'phone', phone };
    const card = parsePaperCardNo(compact);
    return card.ok ? { by: 'paperCard', cardNo: card.cardNo } : { by: 'none' };
  }
  const kanaKey = foldKana(text);
  return FOLDED_KANA.test(kanaKey) ? { by: 'kana', kanaKey } : { by: 'none' };
}
