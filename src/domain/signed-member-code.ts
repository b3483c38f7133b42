/**
 * TNP2 signed member codes (DESIGN.md "Member QR codes"): the member's phone
 * signs a short-lived claim with its own ECDSA P-256 key; a tablet verifies it
 * offline with the public key the server replicated, and refuses a nonce it
 * has already seen. Pure: WebCrypto (crypto.subtle) exists in Node 20 and in
 * every browser the PWA runs in; no storage, no clock of its own.
 *
 * Wire form: `TNP2:<payload>.<signature>`, both base64url. The payload is a
 * JSON array [memberId, issuedAt, expiresAt, nonce, kid] (times in whole
 * seconds): an array instead of an object keeps the QR a few versions smaller,
 * so phones render it sharper and tablets decode it faster. The signature is
 * IEEE P1363 (r‖s, 64 bytes: WebCrypto's own format) over the payload text.
 */

export const SIGNED_CODE_PREFIX = 'TNP2:';
/** The longest a code may live: a photo of the screen is useless after this. */
export const MAX_CODE_LIFETIME_S = 120;
/** The phone re-signs this often, well inside the lifetime, so a code being scanned is never about to die. */
export const CODE_ROTATION_S = 30;
/** Phone and tablet clocks disagree a little; more than this is refused. */
export const CLOCK_SKEW_S = 30;

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNATURE = { name: 'ECDSA', hash: 'SHA-256' } as const;
const B64URL = /^[A-Za-z0-9_-]+$/;
const NONCE_BYTES = 12;

export interface SignedCodeClaims {
  memberId: string;
  /** Unix seconds. */
  issuedAt: number;
  expiresAt: number;
  nonce: string;
  kid: string;
}

/** The public half of a phone's key as the member document carries it (JWK x, y). */
export interface PublicCardKey {
  kid: string;
  x: string;
  y: string;
}

export type RefusalReason = 'malformed' | 'unknown-key' | 'forged' | 'expired' | 'not-yet-valid' | 'replayed';

export type SignedCodeResult =
  | { ok: true; memberId: string; kid: string; nonce: string; expiresAt: number }
  | { ok: false; reason: RefusalReason };

export interface VerifyContext {
  /** Unix seconds, the verifier's clock. */
  now: number;
  /** The registered keys of the member the code names ([] or null when the member is unknown here). */
  keysOf: (memberId: string) => Promise<readonly PublicCardKey[] | null> | readonly PublicCardKey[] | null;
  /** Has this nonce been accepted before? (The caller records it after an ok.) */
  seen: (nonce: string) => boolean | Promise<boolean>;
}

export function nowSeconds(date: Date = new Date()): number {
  return Math.floor(date.getTime() / 1000);
}

/** A fresh random nonce (96 bits): unique per code, so a replay is recognisable. */
export function newNonce(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(NONCE_BYTES)));
}

/** Makes a TNP2 code. The private key never leaves the phone (it may be non-extractable). */
export async function signMemberCode(
  privateKey: CryptoKey,
  claims: Omit<SignedCodeClaims, 'nonce' | 'expiresAt'> & { nonce?: string; lifetimeS?: number },
): Promise<string> {
  const lifetime = Math.min(claims.lifetimeS ?? MAX_CODE_LIFETIME_S, MAX_CODE_LIFETIME_S);
  const payload = encodePayload({
    memberId: claims.memberId,
    issuedAt: claims.issuedAt,
    expiresAt: claims.issuedAt + lifetime,
    nonce: claims.nonce ?? newNonce(),
    kid: claims.kid,
  });
  const signature = await crypto.subtle.sign(SIGNATURE, privateKey, utf8(payload));
  return `${SIGNED_CODE_PREFIX}${payload}.${toBase64Url(new Uint8Array(signature))}`;
}

export function encodePayload(claims: SignedCodeClaims): string {
  return toBase64Url(utf8(JSON.stringify([claims.memberId, claims.issuedAt, claims.expiresAt, claims.nonce, claims.kid])));
}

/** The claims of a well-formed code, or null. Says nothing about whether it is genuine. */
export function parseSignedCode(raw: string): { claims: SignedCodeClaims; payload: string; signature: Uint8Array } | null {
  const text = raw.trim();
  if (!text.startsWith(SIGNED_CODE_PREFIX)) return null;
  const [payload, signature, ...rest] = text.slice(SIGNED_CODE_PREFIX.length).split('.');
  if (rest.length > 0 || !payload || !signature || !B64URL.test(payload) || !B64URL.test(signature)) return null;
  const signatureBytes = fromBase64Url(signature);
  if (signatureBytes?.length !== 64) return null;
  const bytes = fromBase64Url(payload);
  if (!bytes) return null;
  let fields: unknown;
  try {
    fields = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
  if (!Array.isArray(fields) || fields.length !== 5) return null;
  const [memberId, issuedAt, expiresAt, nonce, kid] = fields as unknown[];
  if (typeof memberId !== 'string' || memberId === '' || memberId.length > 64) return null;
  if (!Number.isSafeInteger(issuedAt) || !Number.isSafeInteger(expiresAt)) return null;
  if (typeof nonce !== 'string' || !B64URL.test(nonce) || nonce.length < 16 || nonce.length > 32) return null;
  if (typeof kid !== 'string' || !B64URL.test(kid) || kid.length > 64) return null;
  const claims = { memberId, issuedAt: issuedAt as number, expiresAt: expiresAt as number, nonce, kid };
  // A code that claims a longer life than any phone makes is not ours.
  const lifetime = claims.expiresAt - claims.issuedAt;
  if (lifetime <= 0 || lifetime > MAX_CODE_LIFETIME_S) return null;
  return { claims, payload, signature: signatureBytes };
}

/**
 * Checks a TNP2 code: well-formed, signed by a key registered to the member it
 * names, within its lifetime (give or take CLOCK_SKEW_S), and not seen before.
 * Signature before time: a forged code is called forged, whatever it claims.
 */
export async function verifySignedMemberCode(raw: string, context: VerifyContext): Promise<SignedCodeResult> {
  const parsed = parseSignedCode(raw);
  if (!parsed) return { ok: false, reason: 'malformed' };
  const { claims, payload, signature } = parsed;
  const keys = (await context.keysOf(claims.memberId)) ?? [];
  const key = keys.find((k) => k.kid === claims.kid);
  if (!key) return { ok: false, reason: 'unknown-key' };
  if (!(await verifySignature(key, payload, signature))) return { ok: false, reason: 'forged' };
  if (claims.issuedAt > context.now + CLOCK_SKEW_S) return { ok: false, reason: 'not-yet-valid' };
  if (context.now > claims.expiresAt + CLOCK_SKEW_S) return { ok: false, reason: 'expired' };
  if (await context.seen(claims.nonce)) return { ok: false, reason: 'replayed' };
  return { ok: true, memberId: claims.memberId, kid: claims.kid, nonce: claims.nonce, expiresAt: claims.expiresAt };
}

/** Until when a nonce must be remembered: after that the code is refused as expired anyway. */
export function nonceKeepUntil(expiresAt: number): number {
  return expiresAt + CLOCK_SKEW_S;
}

async function verifySignature(key: PublicCardKey, payload: string, signature: Uint8Array): Promise<boolean> {
  let publicKey: CryptoKey;
  try {
    publicKey = await crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: key.x, y: key.y, ext: true }, ALGORITHM, false, ['verify']);
  } catch {
    // A stored key that is not a point on the curve verifies nothing.
    return false;
  }
  return crypto.subtle.verify(SIGNATURE, publicKey, signature as Uint8Array<ArrayBuffer>, utf8(payload));
}

/** A new key pair for a phone: the private half cannot be exported, not even by the page's own scripts. */
export async function generateCardKeyPair(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(ALGORITHM, false, ['sign', 'verify']);
}

/** The public JWK coordinates the server registers (the public half is always exportable). */
export async function publicKeyCoords(publicKey: CryptoKey): Promise<{ x: string; y: string }> {
  const jwk = await crypto.subtle.exportKey('jwk', publicKey);
  if (!jwk.x || !jwk.y) throw new Error('not an EC public key');
  return { x: jwk.x, y: jwk.y };
}

function utf8(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(text);
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}
