/**
 * PBKDF2-SHA256 PIN hashes. Issue 4 used one policy-wide manager PIN for
 * large migrations; issue 6 gives every staff member their own PIN hashed the
 * same way (hashStaffPin / verifyStaffPin below), checked offline on the
 * tablets of their shop and on the server for HQ approvals. WebCrypto exists
 * in every browser and in Node, so the tablet and the server share this code.
 *
 * What it is and is not: a PIN whose hash sits on a tablet would not survive
 * a determined attacker holding a stolen tablet for long; the lock-out after
 * wrong tries (pin-lockout.ts) slows guessing at the keypad, not offline
 * cracking of the hash. Revoking the device is the answer to a lost tablet.
 */
export interface ManagerPinHash {
  /** base64 of random bytes. */
  salt: string;
  iterations: number;
  /** base64 of the 32-byte PBKDF2-SHA256 output. */
  hash: string;
}

export const MANAGER_PIN_PATTERN = /^\d{4,8}$/;
/** Enough to make guessing cost something; a tablet derives it in well under a second. */
export const MANAGER_PIN_ITERATIONS = 100_000;

function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

/** Hashes a new PIN with a fresh salt (HQ, the demo loader). */
export async function hashManagerPin(pin: string, iterations = MANAGER_PIN_ITERATIONS): Promise<ManagerPinHash> {
  if (!MANAGER_PIN_PATTERN.test(pin)) throw new RangeError('a manager PIN is 4 to 8 digits');
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { salt: toBase64(salt), iterations, hash: toBase64(await derive(pin, salt, iterations)) };
}

/** True when `pin` is the PIN behind `stored`. Compared in full, not stopping at the first different byte. */
export async function verifyManagerPin(pin: string, stored: ManagerPinHash): Promise<boolean> {
  const typed = pin.normalize('NFKC').trim();
  if (!MANAGER_PIN_PATTERN.test(typed)) return false;
  const expected = fromBase64(stored.hash);
  const actual = await derive(typed, fromBase64(stored.salt), stored.iterations);
  let diff = expected.length ^ actual.length;
  for (let i = 0; i < expected.length; i += 1) diff |= (expected[i] ?? 0) ^ (actual[i] ?? 0);
  return diff === 0;
}

/**
 * Issue 6: every staff member's PIN (sign-in and approvals) uses the same
 * PBKDF2 scheme; the names above stay for the migration policy's hash.
 */
export const hashStaffPin = hashManagerPin;
export const verifyStaffPin = verifyManagerPin;
