import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { TenpoError } from '../../src/protocol/index.ts';
import { parseBirthdate } from '../../server/services/member-import/birthdate.ts';
import { mapColumns, parseMappingPairs } from '../../server/services/member-import/columns.ts';
import { decodeCsv } from '../../server/services/member-import/decode.ts';

const TODAY = '2026-11-23';

describe('member import rules (no database)', () => {
  it.each([
    ['1980/4/1', '1980-04-01'],
    ['1980-04-01', '1980-04-01'],
    ['1980.4.1', '1980-04-01'],
    ['1980年4月1日', '1980-04-01'],
    ['19800401', '1980-04-01'],
    ['１９８０／４／１', '1980-04-01'],
    ['S55.4.1', '1980-04-01'],
    ['s55/4/1', '1980-04-01'],
    ['昭和55年4月1日', '1980-04-01'],
    ['昭55.4.1', '1980-04-01'],
    ['H元.1.8', '1989-01-08'],
    ['平成2年5月5日', '1990-05-05'],
    ['R1.5.1', '2019-05-01'],
    ['2000/2/29', '2000-02-29'],
    [' 1975-12-24 ', '1975-12-24'],
  ])('reads the birthdate %s as %s', (cell, iso) => {
    expect(parseBirthdate(cell, TODAY)).toBe(iso);
  });

  it.each(['2001/2/29', '1980/2/30', '1980/13/1', '1899/12/31', '2027/1/1', '昭和99年13月1日', 'X55.4.1', '4/1/1980', 'unknown', '1980-4'])(
    'refuses the birthdate %s',
    (cell) => {
      expect(parseBirthdate(cell, TODAY)).toBeNull();
    },
  );

  it('detects the encoding: BOM, strict UTF-8, else CP932 with its NEC/IBM extensions', () => {
    const text = '氏名,メモ\r\n髙橋 ①,㈱テスト\r\n';
    expect(decodeCsv(iconv.encode(text, 'cp932'))).toEqual({ text, encoding: 'cp932' });
    expect(decodeCsv(Buffer.from(text, 'utf8'))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]))).toEqual({ text, encoding: 'utf-8-bom' });
    // Plain ASCII reads the same either way: UTF-8.
    expect(decodeCsv(Buffer.from('name,tel\r\n', 'ascii')).encoding).toBe('utf-8');
  });

  it('detects columns from common headers in any width or case; the first of two phones wins; a mapping overrides', () => {
    const fields = (headers: string[], mapping = {}) => mapColumns(headers, mapping).map((c) => c.field);
    expect(fields(['ＮＯ', 'お名前', 'ﾌﾘｶﾞﾅ', 'Tel.', 'E-Mail', '誕生日', '郵便番号', '住所'])).toEqual([
      'ignore', 'name', 'nameKana', 'phone', 'email', 'birthdate', 'ignore', 'ignore',
    ]);
    expect(fields(['氏名', '自宅電話', '携帯電話'])).toEqual(['name', 'phone', 'ignore']);
    expect(fields(['氏名', '自宅電話', '携帯電話'], { 携帯電話: 'phone' })).toEqual(['name', 'ignore', 'phone']);
    expect(() => fields(['住所', '電話'])).toThrow(TenpoError);
    expect(() => fields(['氏名'], { 名前: 'name' })).toThrow(/does not have: 名前/);
  });

  it('reads --map pairs, and refuses an unknown field', () => {
    expect(parseMappingPairs(['電話=phone', 'a=b=ignore'], ['phone', 'ignore'])).toEqual({ 電話: 'phone', 'a=b': 'ignore' });
    expect(() => parseMappingPairs(['電話=fax'], ['phone'])).toThrow(TenpoError);
    expect(() => parseMappingPairs(['=phone'], ['phone'])).toThrow(TenpoError);
  });
});
