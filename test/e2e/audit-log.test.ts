import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_MEMBER_NO } from '../../server/demo/generate.ts';
import { auditPageSchema } from '../../src/protocol/index.ts';
import { launchChromium } from './support/browser.ts';
import { writeQrVideo } from './support/fake-camera.ts';
import { startTestServer, type TestServer } from './support/tenpo-server.ts';
import { FIRST_SYNC_MS, LIVENESS_MS, enrol, findMember, openTablet, type Tablet } from './support/tablet.ts';

const SEARCHED_NO = String(FIRST_MEMBER_NO + 2);
// The number other camera tests scan: html5-qrcode reads this fake-camera QR reliably (not every number's pattern decodes).
const SCANNED_NO = String(FIRST_MEMBER_NO);

/**
 * Issue 6 point 3 on a real tablet: a clerk brings up one member by typing
 * their number and another by scanning their card's QR through the (fake)
 * camera. Both lookups reach the server as audit events stamped with the
 * tablet's device and shop and the time, and HQ's #/hq/audit screen shows them.
 */
describe('audit log: counter lookups reach HQ', () => {
  let server: TestServer;
  let workDir: string;
  let browser: Browser;
  let clerk: Tablet;
  let device: { id: string; shop_id: string };

  const memberId = async (memberNo: string): Promise<string> =>
    (await server.store.query<{ id: string }>('select id from members where member_no = $1', [memberNo])).rows[0]?.id ?? '';

  beforeAll(async () => {
    server = await startTestServer(50);
    workDir = await mkdtemp(join(tmpdir(), 'tenpo-audit-'));
    const video = join(workDir, 'card.y4m');
    await writeQrVideo(`TNP1:${SCANNED_NO}`, video);
    browser = await launchChromium({ fakeCameraFile: video });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('records a search and a QR scan at the counter, with device, shop and time, on the server', async () => {
    clerk = await openTablet(await browser.newContext({ locale: 'ja-JP', serviceWorkers: 'block' }), server.url);
    await enrol(clerk, server.enrolmentCode, '監査レジ');
    const found = await server.store.query<{ id: string; shop_id: string }>("select id, shop_id from devices where name = '監査レジ'");
    device = found.rows[0] ?? { id: '', shop_id: '' };
    expect(device.id).not.toBe('');

    const before = Date.now();
    await findMember(clerk, SEARCHED_NO, SEARCHED_NO, FIRST_SYNC_MS);
    await clerk.page.getByTestId('scan-start').click();
    await expect.poll(() => clerk.page.getByTestId('member-no').textContent(), { timeout: 30_000 }).toBe(SCANNED_NO);

    const lookups = async () =>
      auditPageSchema.parse(await server.api(`/api/v1/audit-events?deviceId=${device.id}&action=member-lookup`)).events;
    await expect.poll(async () => (await lookups()).some((e) => e.detail.via === 'scan'), { timeout: LIVENESS_MS }).toBe(true);

    const events = await lookups();
    const searched = events.filter((e) => e.detail.via === 'search');
    const scanned = events.filter((e) => e.detail.via === 'scan');
    // findMember may type the number more than once while the tablet is still syncing; each bring-up is one event.
    expect(searched.length).toBeGreaterThanOrEqual(1);
    expect(scanned).toHaveLength(1);
    expect(new Set(searched.map((e) => e.memberId))).toEqual(new Set([await memberId(SEARCHED_NO)]));
    expect(scanned[0]?.memberId).toBe(await memberId(SCANNED_NO));
    for (const event of [...searched, ...scanned]) {
      expect(event).toMatchObject({ deviceId: device.id, shopId: device.shop_id });
      expect(Date.parse(event.at)).toBeGreaterThanOrEqual(before - 1_000);
      expect(Date.parse(event.at)).toBeLessThanOrEqual(Date.now());
    }
    // Newest first: the scan came after the search.
    expect(events[0]?.detail.via).toBe('scan');
  });

  it("shows both lookups on HQ's audit screen, filtered by the tablet's device", async () => {
    const page = await (await browser.newContext({ locale: 'ja-JP', serviceWorkers: 'block', viewport: { width: 1400, height: 900 } })).newPage();
    page.on('pageerror', (error) => console.error(`[hq page error] ${error.message}`));
    await page.goto(`${server.url}/#/hq/audit`);
    await page.getByLabel('APIキー').fill(server.apiKey);
    await page.getByRole('button', { name: '開く' }).click();
    // The alert panel is at the top; the demo has no staff sign-ins, so nobody is listed.
    await page.getByTestId('audit-alerts').waitFor({ timeout: LIVENESS_MS });

    await page.getByLabel('端末ID').fill(device.id);
    await page.getByLabel('操作').selectOption('member-lookup');
    await page.getByRole('button', { name: '検索' }).click();

    // Read the list in one go: until the filtered answer arrives, the rows on screen are the unfiltered ones.
    const shownRows = () =>
      page.getByTestId('audit-row').evaluateAll((elements) =>
        elements.map((row) => ({
          action: row.getAttribute('data-action'),
          device: row.querySelector('[data-testid="audit-device"]')?.textContent ?? null,
          shop: row.querySelector('[data-testid="audit-shop"]')?.textContent ?? null,
          at: row.querySelector('time')?.getAttribute('datetime') ?? '',
          detail: row.querySelector('[data-testid="audit-detail"]')?.textContent ?? '',
        })),
      );
    await expect
      .poll(async () => {
        const shown = await shownRows();
        return shown.length >= 2 && shown.every((row) => row.device === device.id);
      }, { timeout: LIVENESS_MS })
      .toBe(true);
    const rows = await shownRows();
    for (const row of rows) {
      expect(row).toMatchObject({ action: 'member-lookup', device: device.id, shop: device.shop_id });
      expect(Date.parse(row.at)).toBeGreaterThan(Date.now() - 10 * 60_000);
    }
    const details = rows.map((row) => row.detail);
    // Newest first, in Japanese: the QR scan, then the search.
    expect(details[0]).toBe('QR読取');
    expect(details.slice(1).every((d) => d === '検索')).toBe(true);
  });
});
