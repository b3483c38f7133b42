import type { Browser, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiLocationsSchema } from '../../src/protocol/index.ts';
import { launchChromium } from './support/browser.ts';
import { qrModulesOnPage } from './support/device-probe.ts';
import { startTestServer, type TestServer } from './support/tenpo-server.ts';
import { LIVENESS_MS, enrol, openTablet, type Tablet } from './support/tablet.ts';

const DEVICE_NAME = '新しいレジ';

/** #/hq/devices: a manager makes a one-time code, a new tablet enrols with it, shows up in the list, and is revoked there. */
describe('HQ device screen', () => {
  let server: TestServer;
  let browser: Browser;
  let hq: Page;
  let tablet: Tablet;
  // The screen runs under the server's CSP like every page (its QR is a data: image).
  const violations: string[] = [];

  const revokedAt = async (name: string): Promise<string | null | undefined> =>
    (await server.store.query<{ revoked_at: Date | null }>('select revoked_at from devices where name = $1', [name])).rows[0]?.revoked_at?.toISOString() ?? null;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    const hqContext = await browser.newContext({ locale: 'ja-JP', serviceWorkers: 'block', viewport: { width: 1400, height: 900 } });
    await hqContext.exposeBinding('__tenpoCspViolation', (_source, text: string) => {
      violations.push(text);
    });
    await hqContext.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        (window as unknown as { __tenpoCspViolation: (text: string) => void }).__tenpoCspViolation(`${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    hq = await hqContext.newPage();
    await hq.goto(`${server.url}/#/hq/devices`);
    await hq.getByLabel('APIキー').fill(server.apiKey);
    await hq.getByRole('button', { name: '開く' }).click();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('makes a code shown as text and QR; a second browser enrols with it; the device is listed and revoked with a confirm step', async () => {
    const shop = apiLocationsSchema.parse(await server.api('/api/v1/locations')).find((location) => location.kind === 'store');
    if (!shop) throw new Error('the demo has no shop');
    const shopSelect = hq.getByTestId('device-code-shop');
    // Shops arrive with the first load; the warehouse is not offered.
    await expect.poll(() => shopSelect.locator('option').allTextContents(), { timeout: LIVENESS_MS }).toContain(shop.name);
    await shopSelect.selectOption({ label: shop.name });
    await hq.getByRole('button', { name: 'コードを発行' }).click();

    const codeText = hq.getByTestId('enrolment-code');
    await codeText.waitFor({ timeout: LIVENESS_MS });
    const code = (await codeText.textContent()) ?? '';
    expect(code).toMatch(/^ONE(-[0-9A-Z]{4}){3}$/);
    const stored = await server.store.query<{ shop_id: string; reusable: boolean }>('select shop_id, reusable from enrolment_codes where code = $1', [code]);
    expect(stored.rows).toEqual([{ shop_id: shop.id, reusable: false }]);
    const qr = hq.getByTestId('enrolment-qr');
    await qr.waitFor({ timeout: LIVENESS_MS });
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(await qr.getAttribute('alt')).toContain(code);
    // The QR carries the code itself: its modules are those of the code encoded afresh here.
    const expected = QRCode.create(code, { errorCorrectionLevel: 'M' }).modules;
    const rows = Array.from({ length: expected.size }, (_, row) => Array.from(expected.data.subarray(row * expected.size, (row + 1) * expected.size), (bit) => (bit ? '1' : '0')).join(''));
    expect(await qrModulesOnPage(hq, 'enrolment-qr', expected.size, 2)).toEqual(rows);

    // A second browser context is the new tablet; the clerk types the code (lower case is fine).
    tablet = await openTablet(await browser.newContext({ locale: 'ja-JP', serviceWorkers: 'block' }), server.url);
    await enrol(tablet, code.toLowerCase(), DEVICE_NAME);
    await tablet.page.getByTestId('member-search').waitFor({ timeout: LIVENESS_MS });

    const row = hq.getByTestId('device-row').filter({ hasText: DEVICE_NAME });
    await expect
      .poll(
        async () => {
          await hq.getByTestId('devices-reload').click();
          return row.count();
        },
        { timeout: LIVENESS_MS },
      )
      .toBe(1);
    expect(await row.textContent()).toContain(shop.name);
    expect(await row.getAttribute('data-revoked')).toBe('false');

    // The first click only asks; cancelling leaves the tablet alone.
    await row.getByRole('button', { name: '登録を取り消す' }).click();
    const confirm = row.getByRole('alertdialog');
    expect(await confirm.textContent()).toContain(DEVICE_NAME);
    await confirm.getByRole('button', { name: 'やめる' }).click();
    expect(await revokedAt(DEVICE_NAME)).toBeNull();

    await row.getByRole('button', { name: '登録を取り消す' }).click();
    await row.getByRole('alertdialog').getByRole('button', { name: '取り消す' }).click();
    await hq.getByTestId('device-revoked-notice').waitFor({ timeout: LIVENESS_MS });
    await expect.poll(() => row.getAttribute('data-revoked'), { timeout: LIVENESS_MS }).toBe('true');
    expect(await row.textContent()).toContain('取消済み');
    expect(await revokedAt(DEVICE_NAME)).not.toBeNull();

    // And the tablet, still open, wipes itself on its next contact.
    await tablet.page.getByTestId('device-revoked').waitFor({ timeout: 30_000 });
    expect(violations).toEqual([]);
  });
});
