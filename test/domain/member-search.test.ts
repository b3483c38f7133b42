import { describe, expect, it } from 'vitest';
import { isKanaName, parseMemberQuery, type MemberQuery } from '../../src/domain/member-search.ts';
import { paperCardNo } from '../../src/domain/paper-card.ts';
import { normalisePhone } from '../../src/domain/phone.ts';

const CARD = paperCardNo(4321);
const toFullWidth = (digits: string): string => digits.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

describe('normalisePhone', () => {
  it.each([
    '090-1234-5678',
    '09012345678',
    '０９０－１２３４－５６７８',
    '０９０ｰ１２３４ｰ５６７８',
    '090ー1234ー5678',
    '090‐1234‐5678',
    '090−1234−5678',
    '090 1234 5678',
    '090　1234　5678',
    '+81 90 1234 5678',
    '+81-90-1234-5678',
    '＋８１９０１２３４５６７８',
    '+819012345678',
  ])('reads %s as the same number', (input) => {
    expect(normalisePhone(input)).toBe('+819012345678');
  });

  it.each([
    ['03-1234-5678', '+81312345678'],
    ['０３－１２３４－５６７８', '+81312345678'],
    ['0120-123-456', '+81120123456'],
  ])('reads the landline %s', (input, expected) => {
    expect(normalisePhone(input)).toBe(expected);
  });

  it.each(['12', 'abc', '090-1234', '山田'])('rejects %s', (input) => {
    expect(normalisePhone(input)).toBeNull();
  });
});

// Every lookup kind the counter's search box understands, with the spellings
// clerks and customers really use.
const QUERIES: [string, MemberQuery][] = [
  // member number: 10 digits, no leading 0, in any width, with separators
  ['2000000001', { by: 'memberNo', memberNo: '2000000001' }],
  ['２０００００００１２', { by: 'memberNo', memberNo: '2000000012' }],
  ['20000-00012', { by: 'memberNo', memberNo: '2000000012' }],
  [' 2000 000 012 ', { by: 'memberNo', memberNo: '2000000012' }],
  // phone: 全角/半角 digits, ｰ/ー/‐/－ hyphens, spaces, +81
  ['090-1234-5678', { by: 'phone', phone: '+819012345678' }],
  ['０９０－１２３４－５６７８', { by: 'phone', phone: '+819012345678' }],
  ['０９０ｰ１２３４ｰ５６７８', { by: 'phone', phone: '+819012345678' }],
  ['090ー1234ー5678', { by: 'phone', phone: '+819012345678' }],
  ['090‐1234‐5678', { by: 'phone', phone: '+819012345678' }],
  ['090 1234 5678', { by: 'phone', phone: '+819012345678' }],
  ['+81 90 1234 5678', { by: 'phone', phone: '+819012345678' }],
  ['＋８１　９０　１２３４　５６７８', { by: 'phone', phone: '+819012345678' }],
  ['03-1234-5678', { by: 'phone', phone: '+81312345678' }],
  // e-mail: trimmed, full-width folded, case-folded
  ['  Hanako@Example.JP ', { by: 'email', email: 'hanako@example.jp' }],
  ['ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ', { by: 'email', email: 'hanako@example.jp' }],
  ['hanako@example', { by: 'none' }],
  // kana prefix: hiragana, katakana, half-width, spaces, long-vowel dashes
  ['かんだ', { by: 'kana', kanaKey: 'カンダ' }],
  ['カンダ', { by: 'kana', kanaKey: 'カンダ' }],
  ['ｶﾝﾀﾞ', { by: 'kana', kanaKey: 'カンダ' }],
  ['ｶﾝﾀﾞ ﾀﾛｳ', { by: 'kana', kanaKey: 'カンダタロウ' }],
  ['かんだ　たろう', { by: 'kana', kanaKey: 'カンダタロウ' }],
  ['カンダ・タロウ', { by: 'kana', kanaKey: 'カンダタロウ' }],
  ['ｻｰﾀｰ', { by: 'kana', kanaKey: 'サーター' }],
  ['サ-タ-', { by: 'kana', kanaKey: 'サーター' }],
  ['か', { by: 'kana', kanaKey: 'カ' }],
  // paper card number: 13 digits (29…, check digit) under the card's barcode, in any width, with separators
  [CARD, { by: 'paperCard', cardNo: CARD }],
  [toFullWidth(CARD), { by: 'paperCard', cardNo: CARD }],
  [`${CARD.slice(0, 4)}-${CARD.slice(4, 8)}-${CARD.slice(8)}`, { by: 'paperCard', cardNo: CARD }],
  [`${CARD.slice(0, 12)}${(Number(CARD.slice(12)) + 1) % 10}`, { by: 'none' }],
  // nothing searchable
  ['', { by: 'none' }],
  ['   ', { by: 'none' }],
  ['山田', { by: 'none' }],
  ['yamada', { by: 'none' }],
  ['123', { by: 'none' }],
  ['12345678', { by: 'none' }],
];

describe('parseMemberQuery', () => {
  it.each(QUERIES)('reads %j', (input, expected) => {
    expect(parseMemberQuery(input)).toEqual(expected);
  });
});

describe('isKanaName', () => {
  it.each(['ヤマダ ハナコ', 'やまだ　はなこ', 'ﾔﾏﾀﾞ ﾊﾅｺ', 'ヤマダ・ハナコ', 'サーター', 'ｻｰﾀｰ'])('accepts %s', (input) => {
    expect(isKanaName(input)).toBe(true);
  });

  it.each(['', '   ', '山田 花子', 'Yamada', 'ヤマダ1', 'ヤマダ花子'])('refuses %j', (input) => {
    expect(isKanaName(input)).toBe(false);
  });
});
