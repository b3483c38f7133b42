import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CardKeyRegistered, CardPairing, Member, WireDocument } from '../../src/protocol/index.ts';
import { cardPairingSchema, errorBodySchema, MAX_CARD_KEYS } from '../../src/protocol/index.ts';
import { generateCardKeyPair, nowSeconds, publicKeyCoords, signMemberCode, verifySignedMemberCode } from '../../src/domain/signed-member-code.ts';
import { MEMBER_1, MEMBER_2 } from './helpers/fixture.ts';
import { openHarness, type Harness } from './helpers/harness.ts';
import { backendName } from './helpers/test-store.ts';

describe(`member card pairing (${backendName})`, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const pairing = async (memberId: string, headers: Record<string, string> = h.headers) =>
    h.app.inject({ method: 'POST', url: '/sync/v1/card-pairings', headers, payload: { memberId } });
  const newPairing = async (memberId = MEMBER_1.id): Promise<CardPairing> => {
    const res = await pairing(memberId);
    expect(res.statusCode, res.body).toBe(200);
    return cardPairingSchema.parse(res.json());
  };
  const register = async (code: string, publicKey: unknown) => h.app.inject({ method: 'POST', url: '/card/v1/keys', payload: { code, publicKey } });
  const newKey = async () => {
    const keys = await generateCardKeyPair();
    return { keys, coords: await publicKeyCoords(keys.publicKey) };
  };
  const memberOnTablet = async (id: string): Promise<WireDocument<Member>> => {
    const res = await h.app.inject({ url: '/sync/v1/members/pull?limit=5000', headers: h.headers });
    const doc = res.json<{ documents: WireDocument<Member>[] }>().documents.find((d) => d.id === id);
    if (!doc) throw new Error(`member ${id} not pulled`);
    return doc;
  };
  const errorOf = (res: { statusCode: number; json: () => unknown }) => ({ status: res.statusCode, error: errorBodySchema.parse(res.json()).error });
  const cardKeysStored = async (id: string): Promise<number> => {
    const { rows } = await h.sql.query<{ n: number }>('select jsonb_array_length(card_keys)::int as n from members where id = $1', [id]);
    return rows[0]?.n ?? -1;
  };

  it('pairs a phone: the key lands on the member, reaches tablets by pull, and verifies its codes', async () => {
    const before = await memberOnTablet(MEMBER_1.id);
    const { code, expiresAt } = await newPairing();
    expect(code).toMatch(/^CARD-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(9 * 60_000);
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(10 * 60_000);

    const phone = await newKey();
    const res = await register(code, phone.coords);
    expect(res.statusCode, res.body).toBe(200);
    const registered = res.json<CardKeyRegistered>();
    expect(registered).toMatchObject({ memberId: MEMBER_1.id, memberNo: MEMBER_1.memberNo, name: MEMBER_1.name });

    const after = await memberOnTablet(MEMBER_1.id);
    expect(after.cardKeys).toHaveLength(before.cardKeys.length + 1);
    expect(after.cardKeys.at(-1)).toMatchObject({ kid: registered.kid, ...phone.coords });
    // A tablet holding only the pulled document verifies the phone's code.
    const signed = await signMemberCode(phone.keys.privateKey, { memberId: MEMBER_1.id, issuedAt: nowSeconds(), kid: registered.kid });
    const verdict = await verifySignedMemberCode(signed, { now: nowSeconds(), keysOf: (id) => (id === after.id ? after.cardKeys : null), seen: () => false });
    expect(verdict).toMatchObject({ ok: true, memberId: MEMBER_1.id });
  });

  it('accepts the code as a member might type it (lower case, spaces, full-width)', async () => {
    const { code } = await newPairing(MEMBER_2.id);
    const typed = ` ${code.toLowerCase().replace('card', 'ｃａｒｄ')} `;
    const res = await register(typed, (await newKey()).coords);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<CardKeyRegistered>().memberId).toBe(MEMBER_2.id);
  });

  it('burns the code: a second phone with the same code is refused and nothing is written', async () => {
    const { code } = await newPairing();
    expect((await register(code, (await newKey()).coords)).statusCode).toBe(200);
    const keys = await cardKeysStored(MEMBER_1.id);
    expect(errorOf(await register(code, (await newKey()).coords))).toEqual({ status: 409, error: 'pairing-code-used' });
    expect(await cardKeysStored(MEMBER_1.id)).toBe(keys);
  });

  it('refuses an unknown code and an expired one', async () => {
    expect(errorOf(await register('CARD-AAAA-AAAA', (await newKey()).coords))).toEqual({ status: 404, error: 'pairing-code-unknown' });
    const { code } = await newPairing();
    // Ten minutes have passed for this code.
    await h.sql.query(`update card_pairings set expires_at = now() - interval '1 second' where used_at is null`);
    const keys = await cardKeysStored(MEMBER_1.id);
    expect(errorOf(await register(code, (await newKey()).coords))).toEqual({ status: 410, error: 'pairing-code-expired' });
    expect(await cardKeysStored(MEMBER_1.id)).toBe(keys);
  });

  it('refuses bad input with 400 and burns nothing: a key that is not on the curve, a missing key', async () => {
    const { code } = await newPairing();
    expect(errorOf(await register(code, { x: 'A'.repeat(43), y: 'A'.repeat(43) }))).toEqual({ status: 400, error: 'invalid-request' });
    expect(errorOf(await register(code, { x: 'short' }))).toEqual({ status: 400, error: 'invalid-request' });
    const bad = await h.app.inject({ method: 'POST', url: '/card/v1/keys', payload: 'not json', headers: { 'content-type': 'application/json' } });
    expect(errorOf(bad).status).toBe(400);
    // The code still works for the real key.
    expect((await register(code, (await newKey()).coords)).statusCode).toBe(200);
  });

  it('keeps at most ten keys per member, dropping the oldest', async () => {
    const kids: string[] = [];
    for (let i = 0; i < MAX_CARD_KEYS + 2; i += 1) {
      const { code } = await newPairing(MEMBER_2.id);
      const res = await register(code, (await newKey()).coords);
      kids.push(res.json<CardKeyRegistered>().kid);
    }
    const doc = await memberOnTablet(MEMBER_2.id);
    expect(doc.cardKeys.map((k) => k.kid)).toEqual(kids.slice(-MAX_CARD_KEYS));
  });

  it('gives pairing codes only to enrolled tablets, and only for members that exist', async () => {
    expect(errorOf(await pairing(MEMBER_1.id, {}))).toEqual({ status: 401, error: 'unauthorized' });
    expect(errorOf(await pairing(MEMBER_1.id, { authorization: 'Bearer nope' }))).toEqual({ status: 401, error: 'unauthorized' });
    expect(errorOf(await pairing('member-nobody'))).toEqual({ status: 422, error: 'unknown-member' });
    expect(errorOf(await h.app.inject({ method: 'POST', url: '/sync/v1/card-pairings', headers: h.headers, payload: { memberId: '' } }))).toEqual({
      status: 400,
      error: 'invalid-request',
    });
    const { rows } = await h.sql.query<{ n: number }>(`select count(*)::int as n from card_pairings where member_id = 'member-nobody'`);
    expect(rows[0]?.n).toBe(0);
  });

  it('lets one code win when two phones race with it', async () => {
    const { code } = await newPairing();
    const [a, b] = await Promise.all([register(code, (await newKey()).coords), register(code, (await newKey()).coords)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
  });
});
