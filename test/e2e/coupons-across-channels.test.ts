import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_MEMBER_NO } from '../../server/demo/generate.ts';
import { launchChromium } from './support/browser.ts';
import { enrolInShop, LIVENESS_MS, openTablet, waitForState, type Tablet } from './support/tablet.ts';
import { startTestServer, type TestServer } from './support/tenpo-server.ts';

const MEMBER_NO = String(FIRST_MEMBER_NO);

/**
 * Issue 10 at the counter: a coupon issued by a shop purchase shows on the
 * member view; used at an offline tablet after the EC site used it, it comes
 * back refused when the tablet reconnects, saying where it was used, and the
 * server keeps the EC use.
 */
describe('coupons across channels at the counter', () => {
  let server: TestServer;
  let browser: Browser;
  let tablet: Tablet;

  async function post(path: string, body: unknown): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  }

  const couponState = (id: string) => tablet.page.locator(`[data-testid="coupon"][data-id="${id}"]`).getAttribute('data-state', { timeout: LIVENESS_MS });

  beforeAll(async () => {
    server = await startTestServer(50);
    browser = await launchChromium();
    tablet = await openTablet(await browser.newContext({ locale: 'ja-JP' }), server.url);
    await enrolInShop(server.enrolmentCode, MEMBER_NO, [{ tablet, deviceName: 'レジ1' }]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a shop purchase\'s coupon, used on EC first, is refused at sync after an offline use at the counter', async () => {
    const { rows } = await server.store.query<{ home_shop_id: string }>('select home_shop_id from members where member_no = $1', [MEMBER_NO]);
    const purchaseKey = randomUUID();
    const purchase = await post('/api/v1/purchases', {
      idempotencyKey: purchaseKey,
      member: { memberNo: MEMBER_NO },
      channel: 'store',
      ref: `R-${purchaseKey.slice(0, 8)}`,
      shopId: rows[0]?.home_shop_id,
      at: new Date().toISOString(),
      lines: [{ jan: '4901234567894', quantity: 1, amountYen: 3_960 }],
    });
    expect(purchase.status).toBe(201);
    const issued = await server.store.query<{ id: string }>('select id from coupons where issued_for = $1', [`purchase:${purchaseKey}`]);
    const id = issued.rows[0]?.id ?? '';

    // The member is on screen: the coupon arrives live.
    await expect.poll(() => couponState(id), { timeout: LIVENESS_MS }).toBe('usable');

    await tablet.context.setOffline(true);
    await waitForState(tablet, 'offline');
    await tablet.page.locator(`[data-testid="coupon"][data-id="${id}"] [data-testid="coupon-redeem"]`).click();
    await expect.poll(() => couponState(id), { timeout: LIVENESS_MS }).toBe('used-here');

    const ec = await post(`/api/v1/coupons/${id}/redeem`, { idempotencyKey: randomUUID(), channel: 'ec', ref: 'EC-0001' });
    expect(ec.status).toBe(201);

    await tablet.context.setOffline(false);
    await expect.poll(() => couponState(id), { timeout: LIVENESS_MS }).toBe('refused');
    await expect(tablet.page.locator(`[data-testid="coupon"][data-id="${id}"] [data-testid="coupon-refused"]`).textContent()).resolves.toContain('ECで');
    const stored = await server.store.query<{ redeemed_channel: string }>('select redeemed_channel from coupons where id = $1', [id]);
    expect(stored.rows).toEqual([{ redeemed_channel: 'ec' }]);
  });
});
