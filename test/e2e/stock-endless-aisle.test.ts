import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshStockSummaries } from '../../server/services/stock-summaries.ts';
import { launchChromium } from './support/browser.ts';
import { writeEan13Video } from './support/fake-barcode.ts';
import { startTestServer, type TestServer } from './support/tenpo-server.ts';
import { FIRST_SYNC_MS, LIVENESS_MS, enrol, openTablet, waitForState, type Tablet } from './support/tablet.ts';

/** Where the demo chain's stock sits for the product under test (DEMO_LOCATIONS). */
const HERE = 'shop-shibuya';
const OTHER_TABLET_SHOP = 'shop-tenjin';
const LAST_UNIT_AT = 'shop-umeda';
const WAREHOUSE = 'ec-warehouse';
const WAREHOUSE_UNITS = 3;

/** Types the JAN into the stock search until the product shows (a fresh tablet may still be pulling the catalogue). */
async function openProduct(tablet: Tablet, jan: string, timeout = FIRST_SYNC_MS): Promise<void> {
  const { page } = tablet;
  const view = page.locator(`[data-testid="product-view"][data-jan="${jan}"]`);
  const deadline = Date.now() + timeout;
  for (;;) {
    await page.getByTestId('product-search').fill(jan);
    await page.getByTestId('product-search-submit').click();
    try {
      await view.waitFor({ timeout: 1_000 });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`product ${jan} not shown within ${timeout} ms`, { cause: error });
    }
  }
}

function stockRow(tablet: Tablet, location: string, available: number) {
  return tablet.page.locator(`[data-testid="stock-row"][data-location="${location}"][data-available="${available}"]`);
}

describe('endless aisle: the last unit at another shop is sold once, and the offline loser is told where else it is', () => {
  let server: TestServer;
  let workDir: string;
  let cameraBrowser: Browser;
  let plainBrowser: Browser;
  let scanner: Tablet;
  let offlineTablet: Tablet;
  let jan: string;
  let productName: string;

  beforeAll(async () => {
    server = await startTestServer();
    // A product with variants (the grid), whose stock we set before any tablet syncs:
    // none here or at the second tablet's shop, exactly one at Umeda, a few in the EC warehouse.
    const { rows } = await server.store.query<{ jan: string; name: string }>(`select jan, name from products where style_code <> '' order by jan limit 1`);
    jan = rows[0]?.jan ?? '';
    productName = rows[0]?.name ?? '';
    expect(jan).toMatch(/^\d{13}$/);
    await server.store.transaction(async (tx) => {
      const units: Record<string, number> = { [HERE]: 0, [OTHER_TABLET_SHOP]: 0, [LAST_UNIT_AT]: 1, [WAREHOUSE]: WAREHOUSE_UNITS };
      for (const [location, onHand] of Object.entries(units)) {
        await tx.query(
          `insert into stock (jan, location_id, on_hand, reserved, updated_at) values ($1, $2, $3, 0, now())
           on conflict (jan, location_id) do update set on_hand = excluded.on_hand, reserved = 0, updated_at = now()`,
          [jan, location, onHand],
        );
      }
      await refreshStockSummaries(tx, [jan]);
    });

    workDir = await mkdtemp(join(tmpdir(), 'tenpo-stock-camera-'));
    const video = join(workDir, 'product.y4m');
    await writeEan13Video(jan, video);
    // The fake camera is read at launch: the scanning tablet gets its own browser.
    cameraBrowser = await launchChromium({ fakeCameraFile: video });
    plainBrowser = await launchChromium();
    const otherCode = server.enrolmentCodes.find((code) => code.shopId === OTHER_TABLET_SHOP);
    const hereCode = server.enrolmentCodes.find((code) => code.shopId === HERE);
    if (!otherCode || !hereCode) throw new Error('the demo chain has no enrolment code for the test shops');
    scanner = await openTablet(await cameraBrowser.newContext({ locale: 'ja-JP' }), server.url);
    offlineTablet = await openTablet(await plainBrowser.newContext({ locale: 'ja-JP' }), server.url);
    await enrol(scanner, hereCode.code, '売場1');
    await enrol(offlineTablet, otherCode.code, '売場2');
    await waitForState(scanner, 'synced', FIRST_SYNC_MS);
    await waitForState(offlineTablet, 'synced', FIRST_SYNC_MS);
  });

  afterAll(async () => {
    await cameraBrowser?.close();
    await plainBrowser?.close();
    await server?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('the second tablet sees the last unit at Umeda, then goes offline with the figures marked as last known', async () => {
    const { page } = offlineTablet;
    await page.evaluate(() => {
      window.location.hash = '#/stock';
    });
    await openProduct(offlineTablet, jan);
    await stockRow(offlineTablet, LAST_UNIT_AT, 1).waitFor({ timeout: FIRST_SYNC_MS });
    await offlineTablet.context.setOffline(true);
    await waitForState(offlineTablet, 'offline');
    await page.getByTestId('stock-offline').waitFor();
    expect(await stockRow(offlineTablet, LAST_UNIT_AT, 1).getAttribute('data-stale')).toBe('true');
  });

  it('scans the EAN-13, shows every location, and orders the last unit from Umeda: confirmed', async () => {
    const { page } = scanner;
    await page.evaluate(() => {
      window.location.hash = '#/stock';
    });
    await page.getByTestId('product-scan-start').click();
    await page.locator(`[data-testid="product-view"][data-jan="${jan}"]`).waitFor({ timeout: FIRST_SYNC_MS });
    await page.getByTestId('variant-grid').waitFor();
    await stockRow(scanner, HERE, 0).waitFor({ timeout: LIVENESS_MS });
    await stockRow(scanner, LAST_UNIT_AT, 1).waitFor({ timeout: LIVENESS_MS });
    await stockRow(scanner, WAREHOUSE, WAREHOUSE_UNITS).waitFor({ timeout: LIVENESS_MS });
    // Fresh figures say how old they are.
    expect(await stockRow(scanner, LAST_UNIT_AT, 1).textContent()).toMatch(/たった今|分前/);

    await page.locator(`[data-testid="order-start"][data-location="${LAST_UNIT_AT}"]`).click();
    await page.getByTestId('order-fulfilment-pickup').check();
    await page.getByTestId('order-submit').click();
    const confirmed = page.locator(`[data-testid="order-row"][data-jan="${jan}"][data-status="confirmed"]`);
    await confirmed.waitFor({ timeout: LIVENESS_MS });
    expect(await confirmed.textContent()).toContain(productName);
    // The reservation reaches every tablet's summary: Umeda has none left.
    await stockRow(scanner, LAST_UNIT_AT, 0).waitFor({ timeout: LIVENESS_MS });
  });

  it('the offline tablet queues its order for the same unit as pending, and on sync is told it sold out and where it still is', async () => {
    const { page } = offlineTablet;
    await page.locator(`[data-testid="order-start"][data-location="${LAST_UNIT_AT}"]`).click();
    // From a shop: pickup or ship; the customer wants it shipped home.
    await page.getByTestId('order-fulfilment-ship').check();
    await page.getByTestId('order-submit').click();
    const pending = page.locator(`[data-testid="order-row"][data-jan="${jan}"][data-status="pending"]`);
    await pending.waitFor({ timeout: LIVENESS_MS });
    expect(await pending.getByTestId('order-status').textContent()).toContain('接続が戻ると送信します');

    await offlineTablet.context.setOffline(false);
    const refused = page.locator(`[data-testid="order-row"][data-jan="${jan}"][data-status="refused"]`);
    await refused.waitFor({ timeout: FIRST_SYNC_MS });
    const text = (await refused.getByTestId('order-status').textContent()) ?? '';
    expect(text).toContain('梅田店 で売り切れました。');
    expect(text).toContain('EC倉庫');
    expect(text).toContain('に在庫があります');

    const { rows } = await server.store.query<{ status: string; shop_id: string }>(
      `select status, shop_id from orders where jan = $1 order by status`,
      [jan],
    );
    expect(rows).toEqual([
      { status: 'confirmed', shop_id: HERE },
      { status: 'refused', shop_id: OTHER_TABLET_SHOP },
    ]);
    const { rows: stock } = await server.store.query<{ on_hand: number; reserved: number }>(
      `select on_hand, reserved from stock where jan = $1 and location_id = $2`,
      [jan, LAST_UNIT_AT],
    );
    expect(stock).toEqual([{ on_hand: 1, reserved: 1 }]);
  });
});
