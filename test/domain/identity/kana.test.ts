import { describe, expect, it } from 'vitest';
import { foldKana } from '../../../src/domain/identity/kana.ts';

describe('foldKana', () => {
  it.each([
    ['ｶﾝﾀﾞ', 'カンダ'],
    ['かんだ', 'カンダ'],
    ['カンダ', 'カンダ'],
    ['カンダ　タロウ', 'カンダタロウ'],
    ['かんだ たろう', 'カンダタロウ'],
    ['ｶﾝﾀﾞ ﾀﾛｳ', 'カンダタロウ'],
    ['  カンダ\tタロウ  ', 'カンダタロウ'],
    ['カンダ・タロウ', 'カンダタロウ'],
    ['ｶﾝﾀﾞ･ﾀﾛｳ', 'カンダタロウ'],
    ['がっこう', 'ガッコウ'],
    ['ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ', 'パピプペポ'],
    ['ゞ', 'ヾ'],
  ])('folds %j to %j', (input, folded) => {
    expect(foldKana(input)).toBe(folded);
  });

  it.each([
    'スーパー',
    'ｽｰﾊﾟｰ',
    'すーぱー',
    'ス‐パ‐',
    'ス-パ-',
    'ス－パ－',
    'ス―パ―',
    'ス─パ─',
    'ス−パ−',
    'す－ぱ－',
  ])('reads the long-vowel look-alikes in %j as ー', (input) => {
    expect(foldKana(input)).toBe('スーパー');
  });

  it('turns a run of dashes after kana into as many long-vowel marks', () => {
    expect(foldKana('ア--')).toBe('アーー');
  });

  it('keeps hyphens that do not follow kana', () => {
    expect(foldKana('ＡＢＣ－１２３')).toBe('ABC-123');
    expect(foldKana('-カンダ')).toBe('-カンダ');
  });

  it('keeps distinctions that are part of the name', () => {
    expect(foldKana('ユウコ')).not.toBe(foldKana('ユーコ'));
    expect(foldKana('カンダ')).not.toBe(foldKana('カンタ'));
    expect(foldKana('ヤ')).not.toBe(foldKana('ャ'));
  });

  it('leaves an empty or blank name empty', () => {
    expect(foldKana('')).toBe('');
    expect(foldKana('　 ')).toBe('');
  });
});
