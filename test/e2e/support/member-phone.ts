import { expect } from 'vitest';
import { generateCardKeyPair, nowSeconds, publicKeyCoords, signMemberCode } from '../../../src/domain/signed-member-code.ts';
import { cardKeyRegisteredSchema, cardPairingSchema, enrolResponseSchema } from '../../../src/protocol/index.ts';
import type { AnyTablet } from './tablet-page.ts';
import { LIVENESS_MS } from './tablet.ts';
import type { TestServer } from './tenpo-server.ts';

/**
 * A member's phone played by Node: it pairs through the real routes (a clerk
 * device asks for the one-time code, the "phone" registers a WebCrypto key)
 * and signs fresh TNP2 codes, exactly as the #/card screen does. For tests
 * whose point is not the card screen but that need a member identified for
 * redemption.
 */
export interface MemberPhone {
  memberId: string;
  kid: string;
  /** A fresh TNP2 code (new nonce) issued now. */
  code(): Promise<string>;
}

async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<unknown> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${url} → ${response.status} ${text}`);
  return JSON.parse(text) as unknown;
}

/** Pairs a Node "phone" with the member of this number. Do it before tablets sync, or wait for the key to reach them. */
export async function pairMemberPhone(server: TestServer, memberNo: string): Promise<MemberPhone> {
  const { rows } = await server.store.query<{ id: string }>('select id from members where member_no = $1', [memberNo]);
  const memberId = rows[0]?.id;
  if (!memberId) throw new Error(`no member ${memberNo} on the test server`);
  const clerk = enrolResponseSchema.parse(await postJson(`${server.url}/sync/v1/enrol`, { code: server.enrolmentCode, deviceName: 'e2e-pairing' }));
  const pairing = cardPairingSchema.parse(
    await postJson(`${server.url}/sync/v1/card-pairings`, { memberId }, { authorization: `Bearer ${clerk.token}` }),
  );
  const keys = await generateCardKeyPair();
  const registered = cardKeyRegisteredSchema.parse(
    await postJson(`${server.url}/card/v1/keys`, { code: pairing.code, publicKey: await publicKeyCoords(keys.publicKey) }),
  );
  return {
    memberId,
    kid: registered.kid,
    code: () => signMemberCode(keys.privateKey, { memberId, issuedAt: nowSeconds(), kid: registered.kid }),
  };
}

/**
 * Identifies the member at the tablet's counter with a fresh TNP2 code typed
 * into the member search, as a keyboard-wedge scanner would, until redemption
 * opens (the member's key may still be on its way to a fresh tablet).
 */
export async function identifyWithPhone(tablet: AnyTablet, phone: MemberPhone, timeout = LIVENESS_MS): Promise<void> {
  const { page } = tablet;
  const redeemOpen = page.locator('[data-testid="redeem-points"]:enabled');
  const deadline = Date.now() + timeout;
  for (;;) {
    await page.getByTestId('member-search').fill(await phone.code());
    await page.getByTestId('member-search-submit').click();
    try {
      await redeemOpen.waitFor({ timeout: 1_000 });
      break;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`the tablet did not accept the member's TNP2 code within ${timeout} ms`, { cause: error });
    }
  }
  expect(await page.getByTestId('redeem-needs-signed').count()).toBe(0);
}
