import { describe, expect, it } from 'vitest';
import { checkRegistration, type RegistrationForm } from '../../src/domain/member-registration.ts';
import { counterHrefFor, memberIdFromHash } from '../../src/features/members/counter-link.ts';

const FORM: RegistrationForm = {
  name: '山田 花子',
  nameKana: 'ヤマダ ハナコ',
  phone: '090-1234-5678',
  email: '',
  consentTerms: true,
  consentMarketing: false,
};

describe('checkRegistration', () => {
  it('normalises what the clerk typed the way the server stores it', () => {
    expect(checkRegistration({ ...FORM, nameKana: ' ﾔﾏﾀﾞ ﾊﾅｺ ', phone: '０９０ｰ１２３４ｰ５６７８', email: ' Hanako@Example.JP ', consentMarketing: true })).toEqual({
      ok: true,
      registration: {
        name: '山田 花子',
        nameKana: 'ヤマダ ハナコ',
        kanaKey: 'ヤマダハナコ',
        phone: '+819012345678',
        email: 'hanako@example.jp',
        consentTerms: true,
        consentMarketing: true,
      },
    });
  });

  it('keeps hiragana as typed (full-width space folded) and folds it for the lookup key', () => {
    const check = checkRegistration({ ...FORM, nameKana: 'やまだ　はなこ', phone: '+81 90 1234 5678' });
    expect(check).toMatchObject({ ok: true, registration: { nameKana: 'やまだ はなこ', kanaKey: 'ヤマダハナコ', phone: '+819012345678' } });
  });

  it.each<[Partial<RegistrationForm>, Record<string, string>]>([
    [{ name: '  ' }, { name: 'required' }],
    [{ name: '山'.repeat(101) }, { name: 'too-long' }],
    [{ nameKana: '' }, { nameKana: 'required' }],
    [{ nameKana: '山田 花子' }, { nameKana: 'not-kana' }],
    [{ nameKana: 'Yamada' }, { nameKana: 'not-kana' }],
    [{ phone: '' }, { phone: 'required' }],
    [{ phone: '090-1234' }, { phone: 'not-phone' }],
    [{ phone: 'でんわ' }, { phone: 'not-phone' }],
    [{ email: 'hanako@example' }, { email: 'not-email' }],
    [{ email: 'hanako example.jp' }, { email: 'not-email' }],
    [{ consentTerms: false }, { consentTerms: 'terms-required' }],
    [{ name: '', phone: 'x', consentTerms: false }, { name: 'required', phone: 'not-phone', consentTerms: 'terms-required' }],
  ])('refuses %j', (change, problems) => {
    expect(checkRegistration({ ...FORM, ...change })).toEqual({ ok: false, problems });
  });
});

describe('counter hand-over link', () => {
  it('carries the new member id to the counter', () => {
    const href = counterHrefFor('0b6f5c1e-8a4d-4f7e-9c1a-2d3e4f5a6b7c');
    expect(href).toBe('#/counter?member=0b6f5c1e-8a4d-4f7e-9c1a-2d3e4f5a6b7c');
    expect(memberIdFromHash(href)).toBe('0b6f5c1e-8a4d-4f7e-9c1a-2d3e4f5a6b7c');
  });

  it.each(['#/counter', '#/counter?member=', '#/counter?other=1', ''])('finds no member in %j', (hash) => {
    expect(memberIdFromHash(hash)).toBeNull();
  });
});
