import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../src/domain/jan.ts';
import { suggestionsSchema, type Suggestion, type Suggestions } from '../../src/protocol/index.ts';
import { expectError, openApiHarness, type ApiAnswer, type ApiHarness } from './helpers/api.ts';
import { JANS, MEMBER_1, SHOP_A, SHOP_B, WAREHOUSE } from './helpers/fixture.ts';
import { seedTestApprover, TEST_APPROVAL } from './helpers/staff.ts';
import { backendName } from './helpers/test-store.ts';

const jan = (n: number) => withCheckDigit(`458000000${String(n).padStart(3, '0')}`);
const TEE = { S: jan(1), M: jan(2), L: jan(3) };
const PANTS = { M: jan(11), L: jan(12) };
const JACKET = { S: jan(21), XL: jan(22) };
const SHIRT_L = jan(31);
const SOCKS = jan(41);
const CAP = jan(51);
const BAG = jan(61);
// Above JANS[1] (4909…): the one score-1 product the limit of five cuts.
const BELT = withCheckDigit('499000000071');

const variant = (code: string, styleName: string, size: string) => ({ styleCode: code, styleName, size, colour: '白' });
const PRODUCTS = [
  { jan: TEE.S, name: 'ロゴT S', price: 2900, ...variant('TEE', 'ロゴT', 'S') },
  { jan: TEE.M, name: 'ロゴT M', price: 2900, ...variant('TEE', 'ロゴT', 'M') },
  { jan: TEE.L, name: 'ロゴT L', price: 2900, ...variant('TEE', 'ロゴT', 'L') },
  { jan: PANTS.M, name: 'チノ M', price: 5900, ...variant('PANTS', 'チノ', 'M') },
  { jan: PANTS.L, name: 'チノ L', price: 5900, ...variant('PANTS', 'チノ', 'L') },
  { jan: JACKET.S, name: 'ジャケット S', price: 12900, ...variant('JACKET', 'ジャケット', 'S') },
  { jan: JACKET.XL, name: 'ジャケット XL', price: 12900, ...variant('JACKET', 'ジャケット', 'XL') },
  { jan: SHIRT_L, name: 'シャツ L', price: 3900, ...variant('SHIRT', 'シャツ', 'L') },
  { jan: SOCKS, name: '靴下', price: 500 },
  { jan: CAP, name: 'キャップ', price: 1900 },
  { jan: BAG, name: 'トート', price: 2500 },
  { jan: BELT, name: 'ベルト', price: 3000 },
];
const STOCK: [string, string, number][] = [
  [CAP, SHOP_A, 0], [CAP, SHOP_B, 2], [CAP, WAREHOUSE, 9],
  // More chinos in L than in M: the member's size wins over the stock.
  [PANTS.M, SHOP_A, 3], [PANTS.M, WAREHOUSE, 1], [PANTS.L, SHOP_A, 10], [PANTS.L, WAREHOUSE, 10],
  // No jacket in M: the variant with the most stock in all (XL, 5 against 3).
  [JACKET.S, SHOP_A, 1], [JACKET.S, SHOP_B, 1], [JACKET.S, WAREHOUSE, 1], [JACKET.XL, SHOP_B, 5],
];

/**
 * Issue 9: suggestions from the purchase feed. The member bought a T-shirt in
 * M twice and socks in a shop, a shirt in L and 商品0 online; the others'
 * purchases below decide, by hand, what must come out and in which order.
 */
describe(`GET /api/v1/members/:memberNo/suggestions and the tablet's route (${backendName})`, () => {
  let h: ApiHarness;
  const members: Record<string, { id: string; memberNo: string }> = {};
  let serial = 0;
  let buy: (who: string, where: string, jans: string[], quantity?: number) => Promise<void>;
  beforeAll(async () => {
    h = await openApiHarness();
    await seedTestApprover(h);
    expect((await h.call('PUT', '/api/v1/products', PRODUCTS)).status).toBe(200);
    const stock = STOCK.map(([j, location, onHand]) => ({ jan: j, location, onHand }));
    expect((await h.call('PUT', '/api/v1/stock', stock)).status).toBe(200);
    for (const name of ['me', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'none', 'survivor', 'merged']) {
      const made = await h.call('POST', '/api/v1/members', { name: `提案 ${name}`, nameKana: 'テイアン' });
      members[name] = made.body as { id: string; memberNo: string };
    }
    buy = async (who: string, where: string, jans: string[], quantity = 1) => {
      serial += 1;
      const shop = where === 'ec' ? { channel: 'ec' } : { channel: 'store', shopId: where };
      const answer = await h.call('POST', '/api/v1/purchases', {
        idempotencyKey: `suggest-${String(serial).padStart(4, '0')}`,
        member: { memberNo: members[who]?.memberNo },
        ...shop,
        ref: `R-${serial}`,
        at: `2026-03-${String(serial).padStart(2, '0')}T10:00:00+09:00`,
        lines: jans.map((j) => ({ jan: j, quantity, amountYen: 1000 * quantity })),
      });
      expect(answer.status, answer.text).toBe(201);
    };
    await buy('me', SHOP_A, [TEE.M, SOCKS], 2);
    await buy('me', 'ec', [SHIRT_L, JANS[0] ?? '']);
    // Bought the T-shirt too (other sizes: the same style), and chinos, a jacket, a cap.
    await buy('a', SHOP_B, [TEE.S, PANTS.L, JACKET.S]);
    await buy('b', 'ec', [TEE.L, PANTS.M, CAP]);
    // Bought the socks too: the socks are the member's own, the cap is theirs.
    await buy('c', SHOP_A, [SOCKS]);
    await buy('c', 'ec', [CAP]);
    await buy('d', SHOP_B, [SOCKS, CAP]);
    // Shares nothing with the member: counts for nothing.
    await buy('e', SHOP_A, [PANTS.M, CAP, BELT]);
    await buy('f', 'ec', [JANS[0] ?? '', JANS[1] ?? '']);
    await buy('g', SHOP_B, [JANS[0] ?? '', BAG, BELT]);
  });
  afterAll(async () => {
    await h.close();
  });

  const suggest = async (memberNo: string, query = ''): Promise<Suggestions> => {
    const answer = await h.call('GET', `/api/v1/members/${memberNo}/suggestions${query}`);
    expect(answer.status, answer.text).toBe(200);
    return suggestionsSchema.parse(answer.body);
  };
  const because = (j: string, name: string) => ({ jan: j, name });
  const at = (elsewhere: Suggestion['availability']['elsewhere'], here: number | null = null) => ({ here, elsewhere });
  const store = (locationId: string, available: number) => ({ locationId, kind: 'store' as const, available });
  const warehouse = (available: number) => ({ locationId: WAREHOUSE, kind: 'warehouse' as const, available });

  it('suggests what co-buyers bought, best first, ties by JAN, in the member\'s size, never what the member has', async () => {
    const answer = await suggest(members.me?.memberNo ?? '', `?shopId=${SHOP_A}`);
    expect(answer.memberNo).toBe(members.me?.memberNo);
    expect(answer.suggestions).toEqual<Suggestion[]>([
      // b (via the T-shirt), c and d (via the socks): the socks are shared by most.
      { jan: CAP, name: 'キャップ', styleName: '', size: '', colour: '', reason: 'bought-together', because: because(SOCKS, '靴下'), score: 3, availability: at([warehouse(9), store(SHOP_B, 2)], 0) },
      // a and b bought the chinos in L and M; the member buys M.
      { jan: PANTS.M, name: 'チノ M', styleName: 'チノ', size: 'M', colour: '白', reason: 'bought-together', because: because(TEE.M, 'ロゴT M'), score: 2, availability: at([warehouse(1)], 3) },
      // Score 1, by JAN: the jacket (no M: XL, the most stock), the tote, 商品1; the belt is the sixth.
      { jan: JACKET.XL, name: 'ジャケット XL', styleName: 'ジャケット', size: 'XL', colour: '白', reason: 'bought-together', because: because(TEE.M, 'ロゴT M'), score: 1, availability: at([store(SHOP_B, 5)], 0) },
      { jan: BAG, name: 'トート', styleName: '', size: '', colour: '', reason: 'bought-together', because: because(JANS[0] ?? '', '商品0'), score: 1, availability: at([], 0) },
      { jan: JANS[1] ?? '', name: '商品1', styleName: '', size: '', colour: '', reason: 'bought-together', because: because(JANS[0] ?? '', '商品0'), score: 1, availability: at([store(SHOP_B, 6), warehouse(6)], 6) },
    ]);
  });

  it('without a shop, `here` is null and every location with stock is elsewhere; another shop is here for itself', async () => {
    const [cap, pants] = (await suggest(members.me?.memberNo ?? '')).suggestions;
    expect(cap?.availability).toEqual(at([warehouse(9), store(SHOP_B, 2)]));
    expect(pants?.availability).toEqual(at([store(SHOP_A, 3), warehouse(1)]));
    const [capAtB] = (await suggest(members.me?.memberNo ?? '', `?shopId=${SHOP_B}`)).suggestions;
    expect(capAtB?.availability).toEqual(at([warehouse(9)], 2));
  });

  it('a member with no purchases gets none: there is no best-seller fallback', async () => {
    expect((await suggest(members.none?.memberNo ?? '', `?shopId=${SHOP_A}`)).suggestions).toEqual([]);
  });

  it('refuses an unknown member (404), a shop that is not one (422) and malformed input (400)', async () => {
    expectError(await h.call('GET', '/api/v1/members/1999999999/suggestions'), 404, 'not-found');
    for (const shopId of ['nowhere', WAREHOUSE]) {
      const { details } = expectError(await h.call('GET', `/api/v1/members/${members.me?.memberNo}/suggestions?shopId=${shopId}`), 422, 'unprocessable');
      expect(details).toEqual([expect.objectContaining({ path: 'shopId' })]);
    }
    for (const url of ['/api/v1/members/abc/suggestions', `/api/v1/members/${members.me?.memberNo}/suggestions?shopId=${'x'.repeat(33)}`, `/api/v1/members/${members.me?.memberNo}/suggestions?shopId=`]) {
      expectError(await h.call('GET', url), 400, 'invalid-request');
    }
    expectError(await h.call('GET', `/api/v1/members/${members.me?.memberNo}/suggestions`, undefined, {}), 401, 'unauthorized');
  });

  it('名寄せ: an old number answers for the survivor, with the purchases of both records', async () => {
    const survivor = members.survivor ?? { id: '', memberNo: '' };
    const merged = members.merged ?? { id: '', memberNo: '' };
    await buy('survivor', SHOP_A, [PANTS.M]);
    await buy('merged', 'ec', [TEE.S]);
    const merge = await h.call('POST', '/api/v1/merges', { idempotencyKey: 'suggest-merge-0001', survivorNo: survivor.memberNo, mergedNo: merged.memberNo, approval: TEST_APPROVAL });
    expect(merge.status, merge.text).toBe(201);
    const answer = await suggest(merged.memberNo);
    expect(answer.memberNo).toBe(survivor.memberNo);
    expect(answer.mergedFromNo).toBe(merged.memberNo);
    expect(answer).toEqual({ ...(await suggest(survivor.memberNo)), mergedFromNo: merged.memberNo });
    // Neither record's style comes back; the member's socks, shirt and 商品0 come through the merged record's T-shirt only.
    expect(answer.suggestions.map((s) => [s.jan, s.score, s.because.jan])).toEqual([
      [CAP, 2, PANTS.M],
      // a bought the T-shirt and the chinos: a tie, and the later purchase (the T-shirt, online) is the reason.
      [JACKET.XL, 1, TEE.S],
      [SHIRT_L, 1, TEE.S],
      [SOCKS, 1, TEE.S],
      [JANS[0], 1, TEE.S],
    ]);
  });

  describe('GET /sync/v1/members/:memberId/suggestions', () => {
    const fromTablet = async (memberId: string, headers = h.headers): Promise<ApiAnswer> => {
      const res = await h.app.inject({ url: `/sync/v1/members/${encodeURIComponent(memberId)}/suggestions`, headers });
      return { status: res.statusCode, body: res.json(), text: res.body, headers: res.headers };
    };

    it('answers for a member of its shop, with its shop as here', async () => {
      const answer = await fromTablet(MEMBER_1.id);
      expect(answer.status, answer.text).toBe(200);
      expect(suggestionsSchema.parse(answer.body)).toEqual({ memberNo: MEMBER_1.memberNo, suggestions: [] });
    });

    it('refuses a member outside its shop like an unknown id, until the clerk looks them up online', async () => {
      const me = members.me ?? { id: '', memberNo: '' };
      expectError(await fromTablet(me.id), 404, 'not-found');
      expectError(await fromTablet('no-such-member'), 404, 'not-found');
      const lookup = await h.app.inject({ url: `/sync/v1/members/lookup?q=${me.memberNo}`, headers: h.headers });
      expect(lookup.statusCode, lookup.body).toBe(200);
      const answer = await fromTablet(me.id);
      expect(answer.status, answer.text).toBe(200);
      expect(suggestionsSchema.parse(answer.body)).toEqual(await suggest(me.memberNo, `?shopId=${SHOP_A}`));
    });

    it('needs a device token and a member id that is one', async () => {
      expectError(await fromTablet(MEMBER_1.id, {}), 401, 'unauthorized');
      expectError(await fromTablet('x'.repeat(65)), 400, 'invalid-request');
    });
  });
});
