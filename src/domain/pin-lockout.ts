/**
 * Lock-out after repeated wrong PINs (issue 6). Pure: the caller passes the
 * clock, the tablet keeps the state in a local document per staff member, the
 * server in its private settings table. Wrong PINs count "in a row": a right
 * PIN clears them, and so does the end of a lock-out (a fresh start, not one
 * more try).
 */
export interface PinAttempts {
  /** Wrong PINs since the last right one (or the last lock-out's end). */
  wrongInARow: number;
  /** Epoch ms until which no PIN of this staff member is tried; null when not locked. */
  lockedUntil: number | null;
}

export interface LockoutRule {
  maxWrongPins: number;
  lockoutMinutes: number;
}

export const NO_WRONG_PINS: PinAttempts = { wrongInARow: 0, lockedUntil: null };

export function isLockedOut(attempts: PinAttempts, now: number): boolean {
  return attempts.lockedUntil !== null && now < attempts.lockedUntil;
}

/** Past lock-outs are forgotten: after one ends the staff member gets the full number of tries again. */
function current(attempts: PinAttempts, now: number): PinAttempts {
  return attempts.lockedUntil !== null && now >= attempts.lockedUntil ? NO_WRONG_PINS : attempts;
}

/** After a wrong PIN: one more in the row; the N-th locks the staff member out for lockoutMinutes. */
export function afterWrongPin(attempts: PinAttempts, rule: LockoutRule, now: number): { attempts: PinAttempts; lockedNow: boolean } {
  const base = current(attempts, now);
  // A try while locked should not happen (the caller checks first); it must not extend or reset the lock either.
  if (isLockedOut(base, now)) return { attempts: base, lockedNow: false };
  const wrongInARow = base.wrongInARow + 1;
  if (wrongInARow < rule.maxWrongPins) return { attempts: { wrongInARow, lockedUntil: null }, lockedNow: false };
  return { attempts: { wrongInARow, lockedUntil: now + rule.lockoutMinutes * 60_000 }, lockedNow: true };
}

/** A right PIN clears the row of wrong ones. */
export function afterRightPin(): PinAttempts {
  return NO_WRONG_PINS;
}

/** Tries left before a lock-out (0 while locked). */
export function triesLeft(attempts: PinAttempts, rule: LockoutRule, now: number): number {
  const base = current(attempts, now);
  return isLockedOut(base, now) ? 0 : Math.max(0, rule.maxWrongPins - base.wrongInARow);
}
