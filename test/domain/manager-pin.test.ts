import { describe, expect, it } from 'vitest';
import { hashManagerPin, verifyManagerPin } from '../../src/domain/manager-pin.ts';

describe('manager PIN', () => {
  it('verifies the PIN it hashed, also typed in full-width digits, and nothing else', async () => {
    const stored = await hashManagerPin('2580', 1_000);
    expect(stored.iterations).toBe(1_000);
    expect(stored.hash).not.toContain('2580');
    expect(await verifyManagerPin('2580', stored)).toBe(true);
    expect(await verifyManagerPin('２５８０', stored)).toBe(true);
    expect(await verifyManagerPin('2581', stored)).toBe(false);
    expect(await verifyManagerPin('', stored)).toBe(false);
    expect(await verifyManagerPin('25800', stored)).toBe(false);
  });

  it('salts each hash', async () => {
    const [a, b] = await Promise.all([hashManagerPin('1234', 1_000), hashManagerPin('1234', 1_000)]);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
  });

  it('refuses a PIN that is not 4 to 8 digits', async () => {
    await expect(hashManagerPin('12a4')).rejects.toThrow(RangeError);
    await expect(hashManagerPin('123')).rejects.toThrow(RangeError);
  });
});
