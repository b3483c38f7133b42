import { beforeAll, describe, expect, it } from 'vitest';
import {
  CLOCK_SKEW_S,
  CODE_ROTATION_S,
  MAX_CODE_LIFETIME_S,
  encodePayload,
  generateCardKeyPair,
  parseSignedCode,
  publicKeyCoords,
  signMemberCode,
  verifySignedMemberCode,
  type PublicCardKey,
  type VerifyContext,
} from '../../src/domain/signed-member-code.ts';
import { classifyScan } from '../../src/domain/member-qr.ts';

const NOW = 1_800_000_000;
const MEMBER = 'member-1';
const OTHER = 'member-2';

interface Phone {
  keys: CryptoKeyPair;
  publicKey: PublicCardKey;
}

async function phone(kid: string): Promise<Phone> {
  const keys = await generateCardKeyPair();
  return { keys, publicKey: { kid, ...(await publicKeyCoords(keys.publicKey)) } };
}

describe('TNP2 signed member codes', () => {
  let mine: Phone;
  let theirs: Phone;
  const registered = new Map<string, PublicCardKey[]>();
  const context = (now = NOW, seen: ReadonlySet<string> = new Set()): VerifyContext => ({
    now,
    keysOf: (memberId) => registered.get(memberId) ?? null,
    seen: (nonce) => seen.has(nonce),
  });
  const sign = (issuedAt = NOW, kid = 'kid-mine-0001', key = mine.keys.privateKey) => signMemberCode(key, { memberId: MEMBER, issuedAt, kid });

  beforeAll(async () => {
    mine = await phone('kid-mine-0001');
    theirs = await phone('kid-theirs-01');
    registered.set(MEMBER, [mine.publicKey]);
    registered.set(OTHER, [theirs.publicKey]);
  });

  it('accepts a fresh code from the member\'s own phone and says who it is', async () => {
    const code = await sign();
    expect(classifyScan(code)).toEqual({ kind: 'member-signed', raw: code });
    const result = await verifySignedMemberCode(code, context());
    expect(result).toMatchObject({ ok: true, memberId: MEMBER, kid: 'kid-mine-0001', expiresAt: NOW + MAX_CODE_LIFETIME_S });
  });

  it('lives at most 120 s, and the phone re-signs well within that (at least every 60 s)', async () => {
    expect(MAX_CODE_LIFETIME_S).toBeLessThanOrEqual(120);
    expect(CODE_ROTATION_S).toBeLessThanOrEqual(60);
    const parsed = parseSignedCode(await signMemberCode(mine.keys.privateKey, { memberId: MEMBER, issuedAt: NOW, kid: 'k', lifetimeS: 3600 }));
    expect(parsed?.claims.expiresAt).toBe(NOW + MAX_CODE_LIFETIME_S);
  });

  it('is small enough for a quick scan (under 250 characters)', async () => {
    const code = await signMemberCode(mine.keys.privateKey, { memberId: crypto.randomUUID(), issuedAt: NOW, kid: 'abcdefghijkl' });
    expect(code.length).toBeLessThan(250);
  });

  it('gives each code its own nonce', async () => {
    const a = parseSignedCode(await sign());
    const b = parseSignedCode(await sign());
    expect(a?.claims.nonce).not.toBe(b?.claims.nonce);
  });

  it('refuses an expired code, and allows a little clock skew', async () => {
    const code = await sign(NOW - MAX_CODE_LIFETIME_S);
    expect(await verifySignedMemberCode(code, context(NOW + CLOCK_SKEW_S))).toMatchObject({ ok: true });
    expect(await verifySignedMemberCode(code, context(NOW + CLOCK_SKEW_S + 1))).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a code from the future beyond the skew', async () => {
    expect(await verifySignedMemberCode(await sign(NOW + CLOCK_SKEW_S), context())).toMatchObject({ ok: true });
    expect(await verifySignedMemberCode(await sign(NOW + CLOCK_SKEW_S + 1), context())).toEqual({ ok: false, reason: 'not-yet-valid' });
  });

  it('refuses a forged signature', async () => {
    const code = await sign();
    const [head] = code.split('.');
    const forged = `${head}.${'A'.repeat(86)}`;
    expect(await verifySignedMemberCode(forged, context())).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses a tampered payload (a later expiry under the original signature)', async () => {
    const code = await sign();
    const parsed = parseSignedCode(code);
    if (!parsed) throw new Error('unparsable');
    const longer = encodePayload({ ...parsed.claims, issuedAt: NOW + 60, expiresAt: NOW + 180 });
    const tampered = `TNP2:${longer}.${code.split('.')[1] ?? ''}`;
    expect(await verifySignedMemberCode(tampered, context())).toEqual({ ok: false, reason: 'forged' });
  });

  it("refuses a code signed with another member's key", async () => {
    // Their phone claims to be me, with my kid: the signature does not match my key.
    const code = await sign(NOW, 'kid-mine-0001', theirs.keys.privateKey);
    expect(await verifySignedMemberCode(code, context())).toEqual({ ok: false, reason: 'forged' });
    // With their own kid: not a key of mine at all.
    const withTheirKid = await sign(NOW, 'kid-theirs-01', theirs.keys.privateKey);
    expect(await verifySignedMemberCode(withTheirKid, context())).toEqual({ ok: false, reason: 'unknown-key' });
  });

  it('refuses a member this tablet does not know', async () => {
    const code = await signMemberCode(mine.keys.privateKey, { memberId: 'member-unknown', issuedAt: NOW, kid: 'kid-mine-0001' });
    expect(await verifySignedMemberCode(code, context())).toEqual({ ok: false, reason: 'unknown-key' });
  });

  it('refuses a replay: the same nonce seen before', async () => {
    const code = await sign();
    const first = await verifySignedMemberCode(code, context());
    if (!first.ok) throw new Error(`refused: ${first.reason}`);
    const seen = new Set([first.nonce]);
    expect(await verifySignedMemberCode(code, context(NOW + 5, seen))).toEqual({ ok: false, reason: 'replayed' });
    // A fresh code from the same phone is fine.
    expect(await verifySignedMemberCode(await sign(NOW + 5), context(NOW + 5, seen))).toMatchObject({ ok: true });
  });

  it('calls anything that is not a well-formed code malformed', async () => {
    const good = await sign();
    const [payload, signature] = good.slice(5).split('.');
    const bad = [
      'TNP2:',
      'TNP2:abc.def',
      `TNP2:${payload ?? ''}`,
      `TNP2:${payload ?? ''}.${signature ?? ''}.x`,
      `TNP2:${btoa('{"m":1}')}.${signature ?? ''}`,
      `TNP2:${encodePayload({ memberId: MEMBER, issuedAt: NOW, expiresAt: NOW + 3600, nonce: 'AAAAAAAAAAAAAAAA', kid: 'kid-mine-0001' })}.${signature ?? ''}`,
      'TNP1:1000000001',
    ];
    for (const raw of bad) expect(await verifySignedMemberCode(raw, context()), raw).toEqual({ ok: false, reason: 'malformed' });
  });

  it('verifies nothing with a stored key that is not on the curve', async () => {
    registered.set('member-bad-key', [{ kid: 'kid-bad-00001', x: 'A'.repeat(43), y: 'A'.repeat(43) }]);
    const code = await signMemberCode(mine.keys.privateKey, { memberId: 'member-bad-key', issuedAt: NOW, kid: 'kid-bad-00001' });
    expect(await verifySignedMemberCode(code, context())).toEqual({ ok: false, reason: 'forged' });
  });
});
