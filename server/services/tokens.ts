import { createHash, randomBytes, randomInt } from 'node:crypto';

/** Secrets are stored as their sha256, so a copied database does not hand out working tokens. */
export function sha256Hex(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** 256 random bits, URL- and header-safe. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

// No 0/O, 1/I/L, 5/S, 2/Z: the code is read off a screen and typed on a tablet.
const CODE_ALPHABET = '346789ABCDEFGHJKMNPQRTUVWXY';

/** A human-typable code such as `SHOP1-K7QM-X4PD`. */
export function humanCode(prefix: string, groups = 2, groupLength = 4): string {
  const parts = [prefix];
  for (let g = 0; g < groups; g += 1) {
    let part = '';
    for (let i = 0; i < groupLength; i += 1) part += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    parts.push(part);
  }
  return parts.join('-');
}

/** What a clerk typed, in the form codes are stored: full-width folded, upper case, no spaces. */
export function normaliseCode(input: string): string {
  return input.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}
