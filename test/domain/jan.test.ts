import { describe, expect, it } from 'vitest';
import { isValidJan, janCheckDigit, withCheckDigit } from '../../src/domain/jan.ts';

describe('JAN / EAN-13', () => {
  it('computes the check digit of known codes', () => {
    // 4901085089491: a JAN printed on a real Japanese product.
    expect(janCheckDigit('490108508949')).toBe(1);
    expect(janCheckDigit('400638133393')).toBe(1);
  });

  it('validates whole codes', () => {
    expect(isValidJan('4006381333931')).toBe(true);
    expect(isValidJan('4006381333932')).toBe(false);
    expect(isValidJan('400638133393')).toBe(false);
    expect(isValidJan('40063813339a1')).toBe(false);
  });

  it('completes 12 digits into a valid code', () => {
    expect(isValidJan(withCheckDigit('450000000001'))).toBe(true);
  });

  it('refuses input that is not 12 digits', () => {
    expect(() => janCheckDigit('49')).toThrow(RangeError);
  });
});
