import { describe, expect, it } from 'vitest';
import { normaliseEmail } from '../../../src/domain/identity/email.ts';

describe('normaliseEmail', () => {
  it.each([
    ['taro@example.jp', 'taro@example.jp'],
    ['  Taro@Example.JP ', 'taro@example.jp'],
    ['ＴＡＲＯ＠ＥＸＡＭＰＬＥ．ＪＰ', 'taro@example.jp'],
    ['taro.kanda+ec@docomo.ne.jp', 'taro.kanda+ec@docomo.ne.jp'],
    ['\u3000taro@example.jp\u3000', 'taro@example.jp'],
    ['ｔａｒｏ@example.co.jp', 'taro@example.co.jp'],
  ])('reads %j as %j', (input, email) => {
    expect(normaliseEmail(input)).toBe(email);
  });

  it.each([
    '',
    'taro',
    'taro@',
    '@example.jp',
    'taro@example',
    'taro@@example.jp',
    'taro@a@example.jp',
    'taro kanda@example.jp',
    'taro@exa mple.jp',
    'taro\u3000kanda@example.jp',
    'taro@.example.jp',
    'taro@example.jp.',
    'taro@example..jp',
  ])('rejects %j', (input) => {
    expect(normaliseEmail(input)).toBeNull();
  });
});
