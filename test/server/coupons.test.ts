import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCouponSchema, CART_COUPON_BONUS_POINTS, couponSchema, PROTOCOL_HEADER, PROTOCOL_VERSION, type ApiCoupon, type Coupon } from '../../src/protocol/index.ts';
import { expectError, openApiHarness, type ApiHarness } from './helpers/api.ts';
import { createEnrolmentCode, JANS, MEMBER_1, MEMBER_2, SHOP_A, SHOP_B } from './helpers/fixture.ts';
import { backendName } from './helpers/test-store.ts';

/**
 * Issue 10: coupons issued on events (a shop purchase, an abandoned EC cart)
 * and used exactly once across channels — the EC site through /api/v1, a
 * shop's tablet by pushing the coupon back with its use, refused at sync
 * when another channel was first.
 */
describe(`coupons across channels (${backendName})`, () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await openApiHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  let serial = 0;
  const key = (label: string) => `${label}-${String(++serial).padStart(4, '0')}`;
  const storeReceipt = (memberNo = MEMBER_1.memberNo) => ({
    idempotencyKey: key('pos'),
    member: { memberNo },
    channel: 'store',
    ref: `R-${serial}`,
    shopId: SHOP_A,
    at: new Date().toISOString(),
    lines: [{ jan: JANS[0], quantity: 1, amountYen: 3960 }],
  });
  const cart = (overrides: Record<string, unknown> = {}) => ({
    idempotencyKey: key('cart'),
    member: { memberNo: MEMBER_1.memberNo },
    cartRef: `CART-${serial}`,
    at: new Date().toISOString(),
    totalYen: 12_800,
    ...overrides,
  });
  const ecUse = (overrides: Record<string, unknown> = {}) => ({ idempotencyKey: key('ec-use'), channel: 'ec', ref: `EC-${serial}`, ...overrides });

  const couponRows = async () => (await h.sql.query('select * from coupons order by id')).rows;
  const couponFor = async (issuedFor: string) => {
    const { rows } = await h.sql.query<{ id: string }>('select id from coupons where issued_for = $1', [issuedFor]);
    return rows.map((row) => row.id);
  };
  const bonusEntries = async (couponId: string) =>
    (await h.sql.query<{ points: number; shop_id: string }>('select points, shop_id from point_entries where id = $1', [`coupon:${couponId}`])).rows;
  const issueByPurchase = async (memberNo = MEMBER_1.memberNo): Promise<string> => {
    const receipt = storeReceipt(memberNo);
    expect((await h.call('POST', '/api/v1/purchases', receipt)).status).toBe(201);
    const [id] = await couponFor(`purchase:${receipt.idempotencyKey}`);
    if (!id) throw new Error('no coupon issued');
    return id;
  };

  /** A tablet's sync calls: pull the collection, push rows (assumed state, new state). */
  const tabletHeaders = (token: string) => ({ authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) });
  const pullCoupons = async (token = h.device.token): Promise<Coupon[]> => {
    const res = await h.app.inject({ url: '/sync/v1/coupons/pull?limit=5000', headers: tabletHeaders(token) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ documents: Coupon[] }>().documents;
  };
  const pushCoupons = async (rows: { assumed: Coupon | null; next: Coupon }[], token = h.device.token) => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/sync/v1/coupons/push',
      headers: tabletHeaders(token),
      payload: rows.map((row) => ({ assumedMasterState: row.assumed, newDocumentState: { ...row.next, _deleted: false } })),
    });
    return { status: res.statusCode, body: res.json<unknown>() };
  };
  /** What a tablet writes when the clerk taps 「使う」, offline. */
  const usedAtCounter = (coupon: Coupon): Coupon => ({
    ...coupon,
    redeemedAt: new Date().toISOString(),
    redeemedChannel: 'store',
    redeemedRef: '',
    redeemedShopId: SHOP_A,
    redemptionId: crypto.randomUUID(),
    updatedAt: new Date().toISOString(),
  });
  const pulled = async (id: string): Promise<Coupon> => {
    const doc = (await pullCoupons()).find((c) => c.id === id);
    if (!doc) throw new Error(`coupon ${id} not pulled`);
    // As pulled (with its tombstone flag): what a push answer is compared with.
    expect(doc).toMatchObject(couponSchema.parse(doc));
    return doc;
  };

  it('a store purchase issues one EC free-shipping coupon, none again on replay; an EC purchase issues none', async () => {
    const receipt = storeReceipt();
    expect((await h.call('POST', '/api/v1/purchases', receipt)).status).toBe(201);
    expect((await h.call('POST', '/api/v1/purchases', receipt)).status).toBe(200);
    const ids = await couponFor(`purchase:${receipt.idempotencyKey}`);
    expect(ids).toHaveLength(1);

    const listed = await h.call('GET', `/api/v1/members/${MEMBER_1.memberNo}/coupons`);
    expect(listed.status, listed.text).toBe(200);
    const coupon = (listed.body as { coupons: ApiCoupon[] }).coupons.find((c) => c.id === ids[0]);
    expect(apiCouponSchema.parse(coupon)).toMatchObject({
      memberNo: MEMBER_1.memberNo,
      kind: 'ec-free-shipping',
      bonusPoints: 0,
      issuedFor: `purchase:${receipt.idempotencyKey}`,
      redeemedAt: null,
      redeemedChannel: '',
    });

    const before = (await couponRows()).length;
    const ec = { ...storeReceipt(), channel: 'ec', shopId: undefined };
    expect((await h.call('POST', '/api/v1/purchases', ec)).status).toBe(201);
    expect((await couponRows()).length).toBe(before);
  });

  it('an abandoned EC cart issues one shop bonus-points coupon: 201, then 200 for the same cart; the key for another cart is 409', async () => {
    const request = cart();
    const first = await h.call('POST', '/api/v1/carts/abandoned', request);
    expect(first.status, first.text).toBe(201);
    expect(apiCouponSchema.parse(first.body)).toMatchObject({
      id: request.idempotencyKey,
      kind: 'shop-bonus-points',
      bonusPoints: CART_COUPON_BONUS_POINTS,
      issuedFor: `cart:${request.cartRef}`,
    });
    const again = await h.call('POST', '/api/v1/carts/abandoned', request);
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    // Reported again under a new key: still the one coupon of that cart.
    const reported = await h.call('POST', '/api/v1/carts/abandoned', { ...request, idempotencyKey: key('cart') });
    expect(reported.status).toBe(200);
    expect(reported.text).toBe(first.text);

    const before = await couponRows();
    expectError(await h.call('POST', '/api/v1/carts/abandoned', { ...request, cartRef: 'CART-other' }), 409, 'idempotency-conflict');
    expectError(await h.call('POST', '/api/v1/carts/abandoned', { ...request, idempotencyKey: key('cart'), member: { memberNo: MEMBER_2.memberNo } }), 409, 'idempotency-conflict');
    expectError(await h.call('POST', '/api/v1/carts/abandoned', cart({ member: { memberNo: '1999999999' } })), 422, 'unknown-member');
    expectError(await h.call('POST', '/api/v1/carts/abandoned', cart({ totalYen: -1 })), 422, 'unprocessable');
    expectError(await h.call('POST', '/api/v1/carts/abandoned', cart({ at: '2020-01-01T00:00:00Z' })), 422, 'unprocessable');
    expect(await couponRows()).toEqual(before);
  });

  it('the EC site uses a coupon once: 201, 200 for the same key, 409 coupon-redeemed for another key', async () => {
    const id = await issueByPurchase();
    const use = ecUse({ member: { memberNo: MEMBER_1.memberNo } });
    const first = await h.call('POST', `/api/v1/coupons/${id}/redeem`, use);
    expect(first.status, first.text).toBe(201);
    const body = apiCouponSchema.parse(first.body);
    expect(body).toMatchObject({ id, redeemedChannel: 'ec', redeemedRef: use.ref, redeemedShopId: '' });
    expect(body.redeemedAt).not.toBeNull();

    const replay = await h.call('POST', `/api/v1/coupons/${id}/redeem`, use);
    expect(replay.status).toBe(200);
    expect(replay.text).toBe(first.text);

    const before = await couponRows();
    const second = expectError(await h.call('POST', `/api/v1/coupons/${id}/redeem`, ecUse()), 409, 'coupon-redeemed');
    expect(second.details).toEqual({ redeemedAt: body.redeemedAt, channel: 'ec', shopId: '', ref: use.ref });
    // The same key for other content, or for another coupon, is not a second use either.
    expectError(await h.call('POST', `/api/v1/coupons/${id}/redeem`, { ...use, ref: 'EC-other' }), 409, 'idempotency-conflict');
    const other = await issueByPurchase();
    expectError(await h.call('POST', `/api/v1/coupons/${other}/redeem`, use), 409, 'idempotency-conflict');
    expect((await couponRows()).filter((row) => row.id !== other)).toEqual(before.filter((row) => row.id !== other));
  });

  it('refuses unknown, expired and other members\' coupons and bad input, writing nothing', async () => {
    const id = await issueByPurchase();
    const before = await couponRows();
    expectError(await h.call('POST', '/api/v1/coupons/no-such-coupon/redeem', ecUse()), 404, 'not-found');
    expectError(await h.call('POST', `/api/v1/coupons/${id}/redeem`, ecUse({ member: { memberNo: MEMBER_2.memberNo } })), 409, 'coupon-member-mismatch');
    expectError(await h.call('POST', `/api/v1/coupons/${id}/redeem`, ecUse({ channel: 'pos' })), 422, 'unprocessable');
    expectError(await h.call('POST', `/api/v1/coupons/${id}/redeem`, ecUse({ shopId: SHOP_A })), 422, 'unprocessable');
    expectError(await h.call('POST', `/api/v1/coupons/${id}/redeem`, ecUse({ channel: 'store', shopId: 'nowhere' })), 422, 'unprocessable');
    expectError(await h.call('POST', `/api/v1/coupons/${id}/redeem`, ecUse({ ref: '' })), 422, 'unprocessable');
    expectError(await h.call('POST', '/api/v1/coupons/x/redeem', ecUse()), 400, 'invalid-request');
    expectError(await h.call('GET', '/api/v1/members/1999999999/coupons'), 404, 'not-found');
    expect(await couponRows()).toEqual(before);

    await h.sql.query(`update coupons set expires_on = current_date - 2 where id = $1`, [id]);
    const expired = await couponRows();
    expectError(await h.call('POST', `/api/v1/coupons/${id}/redeem`, ecUse()), 409, 'coupon-expired');
    expect(await couponRows()).toEqual(expired);
  });

  it('a coupon issued by a shop purchase, used on EC, is refused at sync when a shop used it offline too', async () => {
    const id = await issueByPurchase();
    // The tablet holds the coupon (the member's home shop), goes offline, and the clerk uses it.
    const onTablet = await pulled(id);
    expect(onTablet).toMatchObject({ memberId: MEMBER_1.id, kind: 'ec-free-shipping', redemptionId: '', redeemedAt: '' });
    const offlineUse = usedAtCounter(onTablet);

    const ec = await h.call('POST', `/api/v1/coupons/${id}/redeem`, ecUse());
    expect(ec.status, ec.text).toBe(201);
    const afterEc = await couponRows();

    // Back online, the tablet pushes its use: refused, answered with the stored coupon used on EC.
    const answer = await pushCoupons([{ assumed: onTablet, next: offlineUse }]);
    expect(answer.status).toBe(200);
    const [stored] = answer.body as Coupon[];
    expect(answer.body).toHaveLength(1);
    expect(stored).toMatchObject({ id, redeemedChannel: 'ec', redeemedShopId: '' });
    expect(stored?.redemptionId).not.toBe(offlineUse.redemptionId);
    expect(stored?.redeemedAt).toBe((ec.body as ApiCoupon).redeemedAt);
    expect(await couponRows()).toEqual(afterEc);
    // The EC site's retry still finds its own use; nothing was used twice.
    expectError(await h.call('POST', `/api/v1/coupons/${id}/redeem`, ecUse()), 409, 'coupon-redeemed');
  });

  it('a shop uses a bonus-points coupon at the counter: the points are posted once, and the EC site is refused after', async () => {
    const issued = await h.call('POST', '/api/v1/carts/abandoned', cart());
    const id = apiCouponSchema.parse(issued.body).id;
    const onTablet = await pulled(id);
    const use = usedAtCounter(onTablet);

    const answer = await pushCoupons([{ assumed: onTablet, next: use }]);
    expect(answer.status).toBe(200);
    const [stored] = answer.body as Coupon[];
    expect(stored).toMatchObject({ id, redeemedChannel: 'store', redeemedShopId: SHOP_A, redemptionId: use.redemptionId });
    expect(await bonusEntries(id)).toEqual([{ points: CART_COUPON_BONUS_POINTS, shop_id: SHOP_A }]);

    // A retry (a lost response) changes nothing and posts nothing again.
    const rows = await couponRows();
    expect((await pushCoupons([{ assumed: onTablet, next: use }])).body).toEqual([stored]);
    expect(await couponRows()).toEqual(rows);
    expect(await bonusEntries(id)).toHaveLength(1);

    const refused = expectError(await h.call('POST', `/api/v1/coupons/${id}/redeem`, ecUse()), 409, 'coupon-redeemed');
    expect(refused.details).toMatchObject({ channel: 'store', shopId: SHOP_A });
    expect(await bonusEntries(id)).toHaveLength(1);
  });

  it('a tablet can change nothing else, nor use another shop\'s member\'s coupon', async () => {
    const id = await issueByPurchase();
    const onTablet = await pulled(id);
    const rows = await couponRows();
    // Other fields changed, or a deletion: answered with the stored coupon, unchanged.
    const tampered = { ...usedAtCounter(onTablet), bonusPoints: 5000, kind: 'shop-bonus-points' as const };
    expect((await pushCoupons([{ assumed: onTablet, next: tampered }])).body).toEqual([onTablet]);
    expect((await pushCoupons([{ assumed: onTablet, next: { ...onTablet, memberId: MEMBER_2.id } }])).body).toEqual([onTablet]);
    expect(await couponRows()).toEqual(rows);

    // A tablet of shop B (the member was never seen there) neither sees nor uses the coupon.
    await createEnrolmentCode(h.sql, SHOP_B, 'TEST-BBBB-CCCC');
    const enrolled = await h.app.inject({ method: 'POST', url: '/sync/v1/enrol', payload: { code: 'TEST-BBBB-CCCC', deviceName: 'B1' } });
    const tokenB = enrolled.json<{ token: string }>().token;
    expect((await pullCoupons(tokenB)).map((c) => c.id)).not.toContain(id);
    expect((await pushCoupons([{ assumed: onTablet, next: usedAtCounter(onTablet) }], tokenB)).body).toEqual([]);
    expect(await couponRows()).toEqual(rows);

    // Malformed rows: 400, nothing written.
    const bad = await pushCoupons([{ assumed: onTablet, next: { ...usedAtCounter(onTablet), redeemedAt: 'yesterday' } }]);
    expect(bad.status).toBe(400);
    expect(await couponRows()).toEqual(rows);
  });

  it('a member looked up online at another shop brings their unused coupons to its tablets, not the used ones', async () => {
    const unused = await issueByPurchase(MEMBER_2.memberNo);
    const used = await issueByPurchase(MEMBER_2.memberNo);
    expect((await h.call('POST', `/api/v1/coupons/${used}/redeem`, ecUse())).status).toBe(201);
    await createEnrolmentCode(h.sql, SHOP_B, 'TEST-BBBB-DDDD');
    const enrolled = await h.app.inject({ method: 'POST', url: '/sync/v1/enrol', payload: { code: 'TEST-BBBB-DDDD', deviceName: 'B2' } });
    const tokenB = enrolled.json<{ token: string }>().token;
    // Shop B's tablet is past every coupon so far (as if it had pulled later ones of its own members).
    const { rows } = await h.sql.query<{ seq: number; id: string }>('select seq::int as seq, id from coupons order by seq desc, id desc limit 1');
    const from = rows[0] ?? { seq: 0, id: '' };
    const pullAfter = async (): Promise<string[]> => {
      const res = await h.app.inject({ url: `/sync/v1/coupons/pull?seq=${from.seq}&id=${encodeURIComponent(from.id)}&limit=5000`, headers: tabletHeaders(tokenB) });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ documents: Coupon[] }>().documents.map((c) => c.id);
    };
    expect(await pullAfter()).toEqual([]);

    const lookup = await h.app.inject({ url: `/sync/v1/members/lookup?q=${MEMBER_2.memberNo}`, headers: tabletHeaders(tokenB) });
    expect(lookup.statusCode, lookup.body).toBe(200);
    expect(await pullAfter()).toEqual([unused]);
  });
});
