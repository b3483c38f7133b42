import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser.ts';
import { deviceIdByName, revokeDevice, tenpoRecordCounts } from './support/device-probe.ts';
import { startTestServer, type TestServer } from './support/tenpo-server.ts';
import { FIRST_SYNC_MS, LIVENESS_MS, enrol, openTablet, waitForState, type Tablet } from './support/tablet.ts';

const DEVICE_NAME = '盗まれるレジ';
const MARKER_CACHE = 'tenpo-e2e-marker';

/** Issue 6: a tablet revoked while it is open wipes its data on its next contact and returns to enrolment. */
describe('a revoked tablet wipes itself', () => {
  let server: TestServer;
  let browser: Browser;
  let tablet: Tablet;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    tablet = await openTablet(await browser.newContext({ locale: 'ja-JP' }), server.url);
    await enrol(tablet, server.enrolmentCode, DEVICE_NAME);
    await waitForState(tablet, 'synced', FIRST_SYNC_MS);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows in settings whether the browser keeps its storage, as the page itself reports', async () => {
    const { page } = tablet;
    await page.goto(`${server.url}/#/settings`);
    const row = page.getByTestId('storage-persistence');
    await expect.poll(() => row.getAttribute('data-state'), { timeout: LIVENESS_MS }).not.toBe('checking');
    const persisted = await page.evaluate(() => navigator.storage.persisted());
    expect(await row.getAttribute('data-state')).toBe(persisted ? 'granted' : 'refused');
    expect(await row.textContent()).toBe(persisted ? '保護されています' : '保護されていません');
    // A refusal says what it means for the clerk; a grant needs no explanation.
    expect(await page.getByTestId('storage-persistence-help').count()).toBe(persisted ? 0 : 1);
    await page.goto(`${server.url}/#/counter`);
  });

  it('on its next contact after revocation: database and caches gone, enrolment screen with the reason', async () => {
    const { page } = tablet;
    const before = await tenpoRecordCounts(page);
    const memberStore = Object.keys(before).find((name) => name.endsWith('--members'));
    expect(memberStore, JSON.stringify(before)).toBeDefined();
    expect(before[memberStore ?? '']).toBeGreaterThan(0);
    // Something in Cache Storage the app never made: only a wipe of every cache removes it.
    await page.evaluate(async (name) => {
      await (await caches.open(name)).put('/marker', new Response('x'));
    }, MARKER_CACHE);

    await revokeDevice(server, await deviceIdByName(server, DEVICE_NAME));

    // The server ends the open stream at once; the reconnect gets 401 and the tablet wipes and reloads.
    await page.getByTestId('device-revoked').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('device-revoked').textContent()).toContain('この端末の登録は取り消されました');
    await page.getByTestId('enrol-code').waitFor();

    // The reloaded page opens an empty database again; only RxDB's own bookkeeping may hold records.
    const after = await tenpoRecordCounts(page);
    const withData = Object.entries(after).filter(([name, count]) => count > 0 && !name.endsWith('--_rxdb_internal'));
    expect(withData, JSON.stringify(after)).toEqual([]);
    expect(await page.evaluate(() => caches.keys())).not.toContain(MARKER_CACHE);
    // The enrolment (and its token) went with the database: no sync, nothing to show but enrolment.
    expect(await page.getByTestId('member-search').count()).toBe(0);
  });
});
