import { describe, expect, it } from 'vitest';
import { classifyScan, memberStaticCode } from '../../src/domain/member-qr.ts';

describe('member QR codes', () => {
  it('round-trips a static member code', () => {
    expect(classifyScan(memberStaticCode('2000000001'))).toEqual({ kind: 'member-static', memberNo: '2000000001' });
  });

  it('tolerates whitespace a scanner may add', () => {
    expect(classifyScan(' TNP1:2000000001\n')).toEqual({ kind: 'member-static', memberNo: '2000000001' });
  });

  it('refuses to make a code from something that is not a member number', () => {
    expect(() => memberStaticCode('12ab')).toThrow(RangeError);
  });

  it('does not take a malformed static code for a member', () => {
    expect(classifyScan('TNP1:123')).toEqual({ kind: 'unknown', raw: 'TNP1:123' });
  });

  it('recognises signed phone codes and product barcodes', () => {
    expect(classifyScan('TNP2:abc.def')).toEqual({ kind: 'member-signed', raw: 'TNP2:abc.def' });
    expect(classifyScan('4901234567894')).toEqual({ kind: 'product', jan: '4901234567894' });
    expect(classifyScan('hello')).toEqual({ kind: 'unknown', raw: 'hello' });
  });
});
