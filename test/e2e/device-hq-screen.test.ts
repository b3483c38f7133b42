import type { Browser, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_MEMBER_NO } from '../../server/demo/generate.ts';
import { DEMO_HQ_STAFF_ID, demoStaffId } from '../../server/demo/staff.ts';
import { apiLocationsSchema } from '../../src/protocol/index.ts';
import { launchChromium } from './support/browser.ts';
import { qrModulesOnPage } from './support/device-probe.ts';
import { startTestServer, type TestServer } from './support/tenpo-server.ts';
import { FIRST_SYNC_MS, LIVENESS_MS, enrol, findMember, openTablet, unsentCount, type Tablet } from './support/tablet.ts';

const DEVICE_NAME = '新しいレジ';

/**
 * #/hq/devices: a manager makes a one-time code, a new tablet enrols with it,
 * shows up in the list with its last sync and what it has not sent, and is
 * revoked there. #/hq/staff lists the demo staff and adds one.
 */
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

    // Its pushes of points fail (a broken proxy) while the rest of sync works: one earn stays unsent on the tablet.
    await tablet.context.route('**/sync/v1/point_entries/push', (route) => route.fulfill({ status: 503, body: '' }));
    const memberNo = String(FIRST_MEMBER_NO);
    await findMember(tablet, memberNo, memberNo, FIRST_SYNC_MS);
    await tablet.page.getByTestId('earn-amount').fill('1000');
    await tablet.page.getByTestId('earn-submit').click();
    await expect.poll(() => unsentCount(tablet), { timeout: LIVENESS_MS }).toBe(1);

    // HQ sees the tablet, when it last synced, and the entry it reported as unsent.
    const row = hq.getByTestId('device-row').filter({ hasText: DEVICE_NAME });
    const pending = row.getByTestId('device-pending').locator('[data-count]');
    await expect
      .poll(
        async () => {
          await hq.getByTestId('devices-reload').click();
          return (await row.count()) === 1 ? pending.getAttribute('data-count') : null;
        },
        { timeout: LIVENESS_MS },
      )
      .toBe('1');
    expect(await row.getByTestId('device-pending').textContent()).toContain('1件');
    expect(await row.getByTestId('device-last-sync').textContent()).toMatch(/\d/);
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

  it('lists the demo staff by shop on #/hq/staff, reached from the HQ menu, and adds one after a PIN it refuses', async () => {
    const shop = apiLocationsSchema.parse(await server.api('/api/v1/locations')).find((location) => location.kind === 'store');
    if (!shop) throw new Error('the demo has no shop');
    await hq.goto(`${server.url}/#/hq`);
    await hq.getByTestId('hq-home').waitFor({ timeout: LIVENESS_MS });
    await hq.getByTestId('hq-nav').getByRole('link', { name: 'スタッフ' }).click();

    // The key typed on #/hq/devices holds for the tab: the list loads without asking again.
    const staffRow = (staffId: string) => hq.locator(`[data-testid="staff-row"][data-staff-id="${staffId}"]`);
    await staffRow(DEMO_HQ_STAFF_ID).waitFor({ timeout: LIVENESS_MS });
    const shopGroup = hq.locator(`[data-testid="staff-group"][data-shop-id="${shop.id}"]`);
    expect(await shopGroup.getByTestId('staff-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-staff-id')))).toEqual([
      demoStaffId(shop.id, 'manager'),
      demoStaffId(shop.id, 'clerk'),
    ]);

    await hq.getByTestId('staff-add').click();
    const form = hq.getByTestId('staff-form');
    await form.getByLabel('スタッフID').fill('e2e-clerk');
    await form.getByLabel('氏名').fill('新人 花子');
    await form.getByLabel('店舗').selectOption(shop.id);
    await form.getByLabel('PIN').fill('12');
    await form.getByRole('button', { name: '保存' }).click();
    expect(await form.getByTestId('staff-problem-pin').textContent()).toContain('4〜8桁');
    expect(await server.store.query("select 1 from setting_documents where id = 'staff:e2e-clerk'").then((r) => r.rows.length)).toBe(0);

    await form.getByLabel('PIN').fill('2468');
    await form.getByRole('button', { name: '保存' }).click();
    await hq.getByTestId('staff-saved').waitFor({ timeout: LIVENESS_MS });
    await shopGroup.locator('[data-staff-id="e2e-clerk"]').waitFor({ timeout: LIVENESS_MS });
    expect(violations).toEqual([]);
  });
});
