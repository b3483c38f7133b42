/**
 * "This tablet was revoked" has to survive the reload that follows the wipe,
 * yet the wipe has just removed the database. sessionStorage fits: it lives
 * as long as the tab, and a clerk who closes the browser and comes back later
 * needs no reminder — the enrolment screen says what to do anyway.
 */
const REVOKED_KEY = 'tenpo.device.revoked';

export function markRevoked(): void {
  try {
    sessionStorage.setItem(REVOKED_KEY, new Date().toISOString());
  } catch {
    // Storage refused (private mode): the enrolment screen shows, without the reason.
  }
}

export function wasRevoked(): boolean {
  try {
    return sessionStorage.getItem(REVOKED_KEY) !== null;
  } catch {
    return false;
  }
}

/** A new enrolment makes the old revocation history. */
export function clearRevoked(): void {
  try {
    sessionStorage.removeItem(REVOKED_KEY);
  } catch {
    // Nothing stored.
  }
}
