import { isValidJan, withCheckDigit } from './jan.ts';

/**
 * Paper point cards (紙のポイントカード) the chain printed before the app: 13
 * digits under an EAN-13 barcode, so the counter's camera reads them like a
 * JAN, and the last digit is the same mod-10 check digit (a mistyped digit is
 * caught at the counter, not after the balance has been carried over).
 *
 * They start with PAPER_CARD_PREFIX, from GS1's in-store range (20–29): no
 * maker's JAN starts there (Japanese makers' codes start 45/49), and member
 * numbers are 10 digits, so a scan or a typed number routes by format alone.
 */
export const PAPER_CARD_PREFIX = '29';
const LENGTH = 13;

// Spaces and every dash people type or print between digit groups (ー and － become - or stay ー after NFKC).
const SEPARATORS = /[\s\u2010-\u2015\u2212\u30fc\uff70-]/g;

export type PaperCardProblem =
  /** Nothing typed. */
  | 'empty'
  /** Not 13 digits. */
  | 'length'
  /** 13 digits that are not one of the chain's cards (a product JAN, say). */
  | 'prefix'
  /** The last digit does not match: a digit was mistyped or misread. */
  | 'check-digit';

export type PaperCardParse = { ok: true; cardNo: string } | { ok: false; problem: PaperCardProblem };

/** What was typed or scanned, as bare digits: full-width digits, spaces and hyphens folded away. */
export function normalisePaperCardInput(input: string): string {
  return input.normalize('NFKC').replace(SEPARATORS, '');
}

/** Reads a typed or scanned paper card number, checking the chain prefix and the check digit. */
export function parsePaperCardNo(input: string): PaperCardParse {
  const digits = normalisePaperCardInput(input);
  if (digits === '') return { ok: false, problem: 'empty' };
  if (!/^\d+$/.test(digits) || digits.length !== LENGTH) return { ok: false, problem: 'length' };
  if (!digits.startsWith(PAPER_CARD_PREFIX)) return { ok: false, problem: 'prefix' };
  if (!isValidJan(digits)) return { ok: false, problem: 'check-digit' };
  return { ok: true, cardNo: digits };
}

/** True for a card number in its stored form (already normalised). */
export function isPaperCardNo(value: string): boolean {
  const parsed = parsePaperCardNo(value);
  return parsed.ok && parsed.cardNo === value;
}

/** The card with this serial (up to 11 digits): for the demo data and tests. */
export function paperCardNo(serial: number): string {
  if (!Number.isInteger(serial) || serial < 0 || serial >= 1e11) throw new RangeError(`not a paper card serial: ${serial}`);
  return withCheckDigit(`${PAPER_CARD_PREFIX}${String(serial).padStart(LENGTH - 1 - PAPER_CARD_PREFIX.length, '0')}`);
}

/**
 * The idempotency key of a card's migration entry. Derived from the card, not
 * random: two tablets that migrate the same card offline push the SAME key, so
 * the ledger's exactly-once rule posts the first to arrive and answers the
 * other with the stored entry — one migration per card in the whole chain.
 */
export function paperCardEntryId(cardNo: string): string {
  return `card-${cardNo}`;
}
