import { describe, expect, it } from 'vitest';
import { matchBand, type MemberIdentity } from '../../../src/domain/identity/match-band.ts';

const base: MemberIdentity = {
  id: 'm-1',
  phone: '',
  phoneVerified: false,
  email: '',
  emailVerified: false,
  nameKana: 'カンダ タロウ',
  birthdate: '1985-04-01',
};

/** Two people who share nothing but can be given things to share. */
function pair(a: Partial<MemberIdentity>, b: Partial<MemberIdentity>): [MemberIdentity, MemberIdentity] {
  return [
    { ...base, ...a },
    { ...base, id: 'm-2', nameKana: 'ヤマダ ハナコ', birthdate: '1990-12-24', ...b },
  ];
}

const phone = '+819012345678';
const email = 'taro@example.jp';

describe('matchBand: auto-link only on the same identifier proven on both records', () => {
  it.each<[string, Partial<MemberIdentity>, Partial<MemberIdentity>, string[]]>([
    ['same verified phone', { phone, phoneVerified: true }, { phone, phoneVerified: true }, ['same-verified-phone']],
    ['same verified email', { email, emailVerified: true }, { email, emailVerified: true }, ['same-verified-email']],
    [
      'same verified email, spelled differently',
      { email: 'Taro@Example.JP', emailVerified: true },
      { email: ' ｔａｒｏ@example.jp', emailVerified: true },
      ['same-verified-email'],
    ],
    ['same LINE user', { lineUserId: 'U4af4980629' }, { lineUserId: 'U4af4980629' }, ['same-line-user']],
    [
      'several at once',
      { phone, phoneVerified: true, lineUserId: 'U1' },
      { phone, phoneVerified: true, lineUserId: 'U1' },
      ['same-verified-phone', 'same-line-user'],
    ],
  ])('%s → auto-link, whatever the names say', (_, a, b, reasons) => {
    expect(matchBand(...pair(a, b))).toEqual({ band: 'auto-link', reasons });
  });

  it.each<[string, Partial<MemberIdentity>, Partial<MemberIdentity>]>([
    ['same phone, neither verified', { phone }, { phone }],
    ['same phone, verified on one side only', { phone, phoneVerified: true }, { phone }],
    ['same email, neither verified', { email }, { email }],
    ['same email, verified on one side only', { email, emailVerified: true }, { email }],
    ['different verified phones', { phone, phoneVerified: true }, { phone: '+819087654321', phoneVerified: true }],
    ['LINE user on one side only', { lineUserId: 'U1' }, {}],
    ['different LINE users', { lineUserId: 'U1' }, { lineUserId: 'U2' }],
    ['both empty phones marked verified', { phoneVerified: true }, { phoneVerified: true }],
    ['both empty LINE user ids', { lineUserId: '' }, { lineUserId: '' }],
    ['verified but implausible emails', { email: 'taro', emailVerified: true }, { email: 'taro', emailVerified: true }],
  ])('%s → not auto-link', (_, a, b) => {
    expect(matchBand(...pair(a, b)).band).not.toBe('auto-link');
  });

  it('never links a record to itself', () => {
    const m = { ...base, phone, phoneVerified: true };
    expect(matchBand(m, m)).toEqual({ band: 'ignore', reasons: ['same-record'] });
  });
});

describe('matchBand: review when kana, birthdate and some contact agree', () => {
  const samePerson = { birthdate: '1985-04-01' };

  it.each<[string, Partial<MemberIdentity>, Partial<MemberIdentity>, string]>([
    ['same unverified phone', { phone }, { phone }, 'same-unverified-phone'],
    ['same phone verified on one side', { phone, phoneVerified: true }, { phone }, 'same-unverified-phone'],
    ['same phone last 4 digits', { phone }, { phone: '+818012345678' }, 'same-phone-last4'],
    ['same unverified email', { email }, { email: 'TARO@example.jp' }, 'same-unverified-email'],
    ['same email local part', { email }, { email: 'taro@docomo.ne.jp' }, 'same-email-local-part'],
  ])('%s → review', (_, a, b, contact) => {
    const [x, y] = pair(a, { ...samePerson, nameKana: 'ｶﾝﾀﾞ　ﾀﾛｳ', ...b });
    expect(matchBand(x, y)).toEqual({ band: 'review', reasons: ['same-kana', 'same-birthdate', contact] });
  });

  it.each(['カンダタロウ', 'かんだ　たろう', 'ｶﾝﾀﾞ ﾀﾛｳ', 'カンダ・タロウ'])('folds the kana %j before comparing', (kana) => {
    expect(matchBand(...pair({ phone }, { ...samePerson, nameKana: kana, phone })).band).toBe('review');
  });

  it.each<[string, Partial<MemberIdentity>, Partial<MemberIdentity>, string[]]>([
    ['same kana and birthdate but no contact', {}, { ...samePerson, nameKana: 'カンダ タロウ' }, ['no-contact-agrees']],
    [
      'same kana and birthdate, contact on one side only',
      { phone, email },
      { ...samePerson, nameKana: 'カンダ タロウ' },
      ['no-contact-agrees'],
    ],
    [
      'same kana and birthdate, different phones and emails',
      { phone, email },
      { ...samePerson, nameKana: 'カンダ タロウ', phone: '+819011112222', email: 'kanda@example.jp' },
      ['no-contact-agrees'],
    ],
    ['same kana and phone, different birthdate', { phone }, { nameKana: 'かんだ たろう', phone }, ['birthdate-differs']],
    ['same birthdate and phone, different kana', { phone }, { ...samePerson, phone }, ['kana-differs']],
    [
      'same birthdate and phone, both kana blank',
      { phone, nameKana: '　' },
      { ...samePerson, phone, nameKana: '' },
      ['kana-differs'],
    ],
    ['nothing in common', {}, {}, ['kana-differs', 'birthdate-differs', 'no-contact-agrees']],
  ])('%s → ignore', (_, a, b, reasons) => {
    expect(matchBand(...pair(a, b))).toEqual({ band: 'ignore', reasons });
  });

  it('same kana and phone but a birthdate missing → ignore', () => {
    const [x, withBirthdate] = pair({ phone }, { ...samePerson, nameKana: 'かんだ たろう', phone });
    const y: MemberIdentity = { ...withBirthdate };
    delete y.birthdate;
    expect(matchBand(x, y)).toEqual({ band: 'ignore', reasons: ['birthdate-missing'] });
    expect(matchBand(y, x)).toEqual({ band: 'ignore', reasons: ['birthdate-missing'] });
  });
});
