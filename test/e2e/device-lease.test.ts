import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DEVICE_POLICY } from '../../src/protocol/index.ts';
import { launchChromium } from './support/browser.ts';
import { startTestServer, type TestServer } from './support/tenpo-server.ts';
import { FIRST_SYNC_MS, LIVENESS_MS, enrol, signIn, waitForState, type Tablet } from './support/tablet.ts';

const HOUR_MS = 60 * 60 * 1000;

/**
 * Issue 6: the offline lease. Playwright's clock drives the page's time: the
 * tablet goes offline, its clock jumps past the lease (the default 72 h from
 * the synced device policy), it locks; back online, the first successful sync
 * unlocks it.
 */
describe('the offline lease locks a tablet that has not reached the server for too long', () => {
  let server: TestServer;
  let browser: Browser;
  let tablet: Tablet;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    // No service worker: the page never reloads here, and the fake clock needs no second realm to agree with.
    const context = await browser.newContext({ locale: 'ja-JP', serviceWorkers: 'block' });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`[tablet page error] ${error.message}`));
    // Installed before the app loads, so every timer and Date in it is the fake clock's (which runs on in real time).
    await page.clock.install();
    await page.goto(server.url);
    tablet = { context, page };
    await enrol(tablet, server.enrolmentCode, 'レジ-lease');
    await waitForState(tablet, 'synced', FIRST_SYNC_MS);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('locks after leaseHours offline, keeps settings reachable, and unlocks when a sync succeeds', async () => {
    const { page, context } = tablet;
    await page.getByTestId('member-search').waitFor();
    expect(await page.getByTestId('lease-lock').count()).toBe(0);

    await context.setOffline(true);
    await waitForState(tablet, 'offline');
    // Just short of the lease: still open.
    await page.clock.fastForward((DEFAULT_DEVICE_POLICY.leaseHours - 1) * HOUR_MS);
    await page.clock.runFor(61_000);
    expect(await page.getByTestId('lease-lock').count()).toBe(0);
    // Past it: the next minute tick locks the counter.
    await page.clock.fastForward(2 * HOUR_MS);
    await page.getByTestId('lease-lock').waitFor({ timeout: LIVENESS_MS });
    expect(await page.getByTestId('lease-lock').textContent()).toContain('この端末はロックされています');
    expect(await page.getByTestId('member-search').count()).toBe(0);
    for (const route of ['#/stock', '#/migrate', '#/register']) {
      await page.evaluate((hash) => {
        window.location.hash = hash;
      }, route);
      await page.getByTestId('lease-lock').waitFor({ timeout: LIVENESS_MS });
    }
    // Settings hold nothing about members: a locked tablet still says what it is. Hours of
    // idle time signed the clerk out (the idle lock), so settings ask for a PIN first.
    await page.evaluate(() => {
      window.location.hash = '#/settings';
    });
    await signIn(tablet, 'clerk', LIVENESS_MS);
    await page.getByTestId('storage-persistence').waitFor({ timeout: LIVENESS_MS });
    expect(await page.getByTestId('lease-lock').count()).toBe(0);
    await page.evaluate(() => {
      window.location.hash = '#/counter';
    });
    await page.getByTestId('lease-lock').waitFor({ timeout: LIVENESS_MS });

    await context.setOffline(false);
    await page.getByTestId('lease-lock').waitFor({ state: 'detached', timeout: 30_000 });
    await page.getByTestId('member-search').waitFor({ timeout: LIVENESS_MS });
    await waitForState(tablet, 'synced', 30_000);
  });

  it('takes the lease length from the device policy HQ sets: 1 hour locks after 2 hours offline', async () => {
    const { page, context } = tablet;
    await page.evaluate(() => {
      window.location.hash = '#/settings';
    });
    const hours = page.getByTestId('lease-hours');
    expect(await hours.getAttribute('data-hours')).toBe(String(DEFAULT_DEVICE_POLICY.leaseHours));

    // HQ's change (the seq trigger stamps it for pull); the tablet pulls it when the network comes back.
    await server.store.query(
      `update setting_documents set body = jsonb_set(body, '{devicePolicy,leaseHours}', '1'), updated_at = now() where id = 'device-policy'`,
    );
    await context.setOffline(true);
    await waitForState(tablet, 'offline');
    await context.setOffline(false);
    await expect.poll(() => hours.getAttribute('data-hours'), { timeout: 30_000 }).toBe('1');
    expect(await hours.textContent()).toBe('最後の通信から1時間');

    await context.setOffline(true);
    await waitForState(tablet, 'offline');
    await page.evaluate(() => {
      window.location.hash = '#/counter';
    });
    await page.getByTestId('member-search').waitFor({ timeout: LIVENESS_MS });
    await page.clock.fastForward(2 * HOUR_MS);
    await page.getByTestId('lease-lock').waitFor({ timeout: LIVENESS_MS });
    expect(await page.getByTestId('lease-lock').textContent()).toContain('1時間以上');

    await context.setOffline(false);
    await page.getByTestId('lease-lock').waitFor({ state: 'detached', timeout: 30_000 });
  });
});
