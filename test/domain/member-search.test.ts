import { describe, expect, it } from 'vitest';
import { parseMemberQuery } from '../../src/domain/member-search.ts';
import { normalisePhone } from '../../src/domain/phone.ts';

describe('normalisePhone', () => {
  it.each([
    '090-1234-5678',
    '09012345678',
    '０９０－１２３４－５６７８',
    '090 1234 5678',
    '+81 90 1234 5678',
    '+819012345678',
  ])('reads %s as the same number', (input) => {
    expect(normalisePhone(input)).toBe('+819012345678');
  });

  it('rejects what is not a phone number', () => {
    expect(normalisePhone('12')).toBeNull();
    expect(normalisePhone('abc')).toBeNull();
  });
});

describe('parseMemberQuery', () => {
  it('takes 10 digits not starting with 0 as a member number', () => {
    expect(parseMemberQuery('2000000001')).toEqual({ by: 'memberNo', memberNo: '2000000001' });
    expect(parseMemberQuery('２０００００００１２')).toEqual({ by: 'memberNo', memberNo: '2000000012' });
  });

  it('takes a phone number in any common spelling', () => {
    expect(parseMemberQuery('090-1234-5678')).toEqual({ by: 'phone', phone: '+819012345678' });
  });

  it('says when it cannot tell', () => {
    expect(parseMemberQuery('山田')).toEqual({ by: 'none' });
  });
});
