import { describe, expect, it } from 'vitest';
import { isValidJan } from '../../src/domain/jan.ts';
import { classifyScan } from '../../src/domain/member-qr.ts';
import {
  isPaperCardNo,
  normalisePaperCardInput,
  paperCardEntryId,
  paperCardNo,
  parsePaperCardNo,
  type PaperCardParse,
} from '../../src/domain/paper-card.ts';

// 2900001234566: prefix 29, serial 0000123456, check digit 6 (2·1+9·3+1·1+2·3+3·1+4·3+5·1+6·3 = 74).
const CARD = '2900001234566';

describe('paper card numbers', () => {
  it('the example card is a valid EAN-13 (what the camera reads)', () => {
    expect(isValidJan(CARD)).toBe(true);
    expect(paperCardNo(123_456)).toBe(CARD);
  });

  it.each<[string, string, PaperCardParse]>([
    ['typed plainly', '2900001234566', { ok: true, cardNo: CARD }],
    ['全角 digits', '２９００００１２３４５６６', { ok: true, cardNo: CARD }],
    ['groups with spaces, as printed', '29 0000 123456 6', { ok: true, cardNo: CARD }],
    ['full-width spaces', '29\u30000000\u3000123456\u30006', { ok: true, cardNo: CARD }],
    ['hyphens', '29-0000-123456-6', { ok: true, cardNo: CARD }],
    ['full-width hyphen － and long-vowel ー', '29－0000ー123456‐6', { ok: true, cardNo: CARD }],
    ['half-width ｰ', '29ｰ0000ｰ1234566', { ok: true, cardNo: CARD }],
    ['leading/trailing blanks (a scanner adds a newline)', ' 2900001234566\n', { ok: true, cardNo: CARD }],
    ['one digit mistyped', '2900001234576', { ok: false, problem: 'check-digit' }],
    ['two digits swapped', '2900001243566', { ok: false, problem: 'check-digit' }],
    ['a product JAN (valid check digit, maker prefix)', '4901085089491', { ok: false, problem: 'prefix' }],
    ['a member number (10 digits)', '1000000001', { ok: false, problem: 'length' }],
    ['a digit missing', '290000123456', { ok: false, problem: 'length' }],
    ['letters', '29000012345AB', { ok: false, problem: 'length' }],
    ['nothing', '  ', { ok: false, problem: 'empty' }],
  ])('%s', (_label, input, expected) => {
    expect(parsePaperCardNo(input)).toEqual(expected);
  });

  it('only the normalised form is a stored card number', () => {
    expect(isPaperCardNo(CARD)).toBe(true);
    expect(isPaperCardNo('29-0000-123456-6')).toBe(false);
    expect(isPaperCardNo('PAPER-000123')).toBe(false);
  });

  it('normalises without judging', () => {
    expect(normalisePaperCardInput('２９ー０')).toBe('290');
  });

  it('every generated card is valid, and a member scan never reads as one', () => {
    for (const serial of [0, 1, 99, 123_456, 9_999_999_999]) expect(isPaperCardNo(paperCardNo(serial))).toBe(true);
    expect(classifyScan('TNP1:1000000001').kind).toBe('member-static');
    expect(parsePaperCardNo('TNP1:1000000001').ok).toBe(false);
  });

  it('derives one idempotency key per card, valid as an entry id', () => {
    expect(paperCardEntryId(CARD)).toBe('card-2900001234566');
    expect(paperCardEntryId(CARD)).toMatch(/^[A-Za-z0-9:_.-]{8,100}$/);
  });
});
