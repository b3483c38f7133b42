import type { AddressInfo } from 'node:net';
import { NEVER, filter, firstValueFrom } from 'rxjs';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as DatabaseModule from '../../src/db/database.ts';
import { observeMemberCoupons, redeemCouponAtCounter, type CouponOnTablet } from '../../src/db/coupons.ts';
import { openTenpoDatabase, saveEnrolment, type TenpoDatabase } from '../../src/db/index.ts';
import { couponState, type CouponState } from '../../src/domain/coupon-state.ts';
import { jstDate } from '../../src/domain/ledger/index.ts';
import { apiCouponSchema, CART_COUPON_BONUS_POINTS, type Coupon } from '../../src/protocol/index.ts';
import { replicateCollection } from '../../src/sync/replicate-collection.ts';
import { createHttpTransport } from '../../src/sync/transport.ts';
import { openApiHarness, type ApiHarness } from '../server/helpers/api.ts';
import { JANS, MEMBER_1, SHOP_A } from '../server/helpers/fixture.ts';
import { backendName } from '../server/helpers/test-store.ts';
import { asTablet } from './support/active-tablet.ts';

vi.mock('../../src/db/database.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof DatabaseModule>();
  const { activeDatabase } = await import('./support/active-tablet.ts');
  return { ...actual, getDatabase: activeDatabase };
});

/**
 * Issue 10 on a real tablet database against the real server: a coupon used
 * at the counter while offline is pushed when the tablet reconnects; when the
 * EC site used it first the server refuses it at sync, and the counter shows
 * it as refused with the EC use's time; a bonus coupon used offline is taken
 * and its points posted once.
 */
describe(`coupons used offline at the counter (${backendName})`, () => {
  let h: ApiHarness;
  let db: TenpoDatabase;
  let baseUrl: string;
  beforeAll(async () => {
    h = await openApiHarness();
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
    db = await openTenpoDatabase({ name: `coupons-${crypto.randomUUID()}`, storage: getRxStorageMemory(), collections: ['coupons', 'members'] });
    await asTablet(db, () =>
      saveEnrolment({ deviceId: h.device.deviceId, token: h.device.token, shop: { id: SHOP_A, name: 'A' }, settings: { yenPerPoint: 100 }, deviceName: 't', enrolledAt: new Date().toISOString() }),
    );
  });
  afterAll(async () => {
    await db.remove();
    await h.close();
  });

  const identifier = `coupons-${crypto.randomUUID()}`;
  /** The tablet online until everything is pulled and pushed, then offline again. */
  const syncOnce = async (): Promise<void> => {
    const replication = replicateCollection<Coupon>({
      name: 'coupons',
      collection: db.coupons,
      transport: createHttpTransport({ baseUrl, token: h.device.token }),
      stream$: NEVER,
      identifier,
      reporter: { pulled: () => undefined, pushed: () => undefined, failed: (_name, error) => console.error(error) },
    });
    try {
      await replication.awaitInSync();
    } finally {
      await replication.cancel();
    }
  };
  const stateOf = (item: CouponOnTablet): CouponState => couponState(item.coupon, item.use, jstDate(Date.now()));
  const shown = (id: string, state: CouponState) =>
    asTablet(db, () =>
      firstValueFrom(observeMemberCoupons(MEMBER_1.id).pipe(filter((items) => items.some((item) => item.coupon.id === id && stateOf(item) === state)))),
    ).then((items) => items.find((item) => item.coupon.id === id));
  const couponRow = async (id: string) => (await h.sql.query('select * from coupons where id = $1', [id])).rows[0];

  it('an EC free-shipping coupon used on EC first: the offline use at the counter is refused at sync and shown as refused', async () => {
    const receipt = { idempotencyKey: `pos-${crypto.randomUUID()}`, member: { memberNo: MEMBER_1.memberNo }, channel: 'store', ref: 'R-1', shopId: SHOP_A, at: new Date().toISOString(), lines: [{ jan: JANS[0], quantity: 1, amountYen: 3960 }] };
    expect((await h.call('POST', '/api/v1/purchases', receipt)).status).toBe(201);
    const { rows } = await h.sql.query<{ id: string }>('select id from coupons where issued_for = $1', [`purchase:${receipt.idempotencyKey}`]);
    const id = rows[0]?.id ?? '';
    await syncOnce();
    await shown(id, 'usable');

    // Offline: the clerk uses it; the counter shows it used at once.
    expect(await asTablet(db, () => redeemCouponAtCounter(id))).toEqual({ ok: true });
    await shown(id, 'used-here');

    const ec = await h.call('POST', `/api/v1/coupons/${id}/redeem`, { idempotencyKey: `ec-use-${crypto.randomUUID()}`, channel: 'ec', ref: 'EC-9' });
    expect(ec.status, ec.text).toBe(201);
    const afterEc = await couponRow(id);

    await syncOnce();
    const refused = await shown(id, 'refused');
    expect(refused?.coupon).toMatchObject({ redeemedChannel: 'ec', redeemedAt: apiCouponSchema.parse(ec.body).redeemedAt });
    expect(await couponRow(id)).toEqual(afterEc);
  });

  it('a bonus-points coupon used offline is taken at sync and its points are posted once', async () => {
    const cart = { idempotencyKey: `cart-${crypto.randomUUID()}`, member: { memberNo: MEMBER_1.memberNo }, cartRef: 'CART-1', at: new Date().toISOString(), totalYen: 9800 };
    const issued = await h.call('POST', '/api/v1/carts/abandoned', cart);
    expect(issued.status, issued.text).toBe(201);
    const id = apiCouponSchema.parse(issued.body).id;
    await syncOnce();
    expect(await asTablet(db, () => redeemCouponAtCounter(id))).toEqual({ ok: true });
    // Used already: a second tap is refused on the tablet.
    expect(await asTablet(db, () => redeemCouponAtCounter(id))).toEqual({ ok: false, reason: 'already-used' });

    await syncOnce();
    const used = await shown(id, 'used-here');
    expect(used?.coupon).toMatchObject({ redeemedChannel: 'store', redeemedShopId: SHOP_A });
    expect(await couponRow(id)).toMatchObject({ redeemed_channel: 'store', redeemed_shop_id: SHOP_A, redemption_id: used?.use?.redemptionId });
    await syncOnce();
    const { rows } = await h.sql.query('select points from point_entries where id = $1', [`coupon:${id}`]);
    expect(rows).toEqual([{ points: CART_COUPON_BONUS_POINTS }]);
  });
});
