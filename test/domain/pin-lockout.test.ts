import { describe, expect, it } from 'vitest';
import { afterRightPin, afterWrongPin, isLockedOut, NO_WRONG_PINS, triesLeft, type PinAttempts } from '../../src/domain/pin-lockout.ts';

const RULE = { maxWrongPins: 3, lockoutMinutes: 15 };
const MINUTE = 60_000;
const t0 = Date.parse('2026-12-04T10:00:00+09:00');

function wrong(times: number, start: PinAttempts = NO_WRONG_PINS, at = t0): { attempts: PinAttempts; locks: boolean[] } {
  let attempts = start;
  const locks: boolean[] = [];
  for (let i = 0; i < times; i += 1) {
    const next = afterWrongPin(attempts, RULE, at + i);
    attempts = next.attempts;
    locks.push(next.lockedNow);
  }
  return { attempts, locks };
}

describe('PIN lock-out', () => {
  it('locks on the N-th wrong PIN in a row, not before', () => {
    const { attempts, locks } = wrong(3);
    expect(locks).toEqual([false, false, true]);
    expect(isLockedOut(attempts, t0 + 3)).toBe(true);
    expect(triesLeft(attempts, RULE, t0 + 3)).toBe(0);
    expect(triesLeft(wrong(1).attempts, RULE, t0 + 1)).toBe(2);
  });

  it('a right PIN clears the row', () => {
    const twoWrong = wrong(2).attempts;
    const cleared = afterRightPin();
    expect(cleared).toEqual(NO_WRONG_PINS);
    expect(wrong(2, cleared).locks).toEqual([false, false]);
    expect(twoWrong.wrongInARow).toBe(2);
  });

  it('holds for lockoutMinutes by the injected clock, then gives the full tries again', () => {
    const { attempts } = wrong(3);
    const lockedAt = t0 + 2;
    expect(attempts.lockedUntil).toBe(lockedAt + 15 * MINUTE);
    expect(isLockedOut(attempts, lockedAt + 15 * MINUTE - 1)).toBe(true);
    expect(isLockedOut(attempts, lockedAt + 15 * MINUTE)).toBe(false);
    expect(triesLeft(attempts, RULE, lockedAt + 15 * MINUTE)).toBe(3);
    // One wrong PIN after the lock-out ended is the first of a new row, not the fourth.
    const after = afterWrongPin(attempts, RULE, lockedAt + 16 * MINUTE);
    expect(after).toEqual({ attempts: { wrongInARow: 1, lockedUntil: null }, lockedNow: false });
  });

  it('a try during the lock-out neither extends nor resets it', () => {
    const { attempts } = wrong(3);
    const during = afterWrongPin(attempts, RULE, t0 + 5 * MINUTE);
    expect(during).toEqual({ attempts, lockedNow: false });
  });
});
