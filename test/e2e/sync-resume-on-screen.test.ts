import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_MEMBER_NO } from '../../server/demo/generate.ts';
import { launchChromium } from './support/browser.ts';
import { postedBalance, startTestServer, type TestServer } from './support/tenpo-server.ts';
import { LIVENESS_MS, enrolInShop, expectTotal, openTablet, shownTotal, type Tablet } from './support/tablet.ts';

const MEMBER_NO = String(FIRST_MEMBER_NO);
const STREAM = '**/sync/v1/stream';

/**
 * iPad Safari has no Background Sync: a tablet put down on the counter, its
 * page hidden, must catch up by itself when it comes back on screen. Here the
 * stream is first sent into its longest wait (a refusal no quick retry fixes
 * backs off for five minutes), then the refusal ends and the page comes back
 * on screen: the tablet must be current at once, not five minutes later.
 *
 * Headless Chromium cannot really hide a page, so the test fires the
 * visibilitychange event the browser fires when a tab returns (the page
 * reads document.visibilityState, which is "visible").
 */
describe('a tablet coming back on screen syncs at once, without Background Sync', () => {
  let server: TestServer;
  let browser: Browser;
  let tabletA: Tablet;
  let tabletB: Tablet;
  let refusedStreams = 0;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    // Tablet A's service worker is blocked so that request routing sees its stream.
    tabletA = await openTablet(await browser.newContext({ locale: 'ja-JP', serviceWorkers: 'block' }), server.url);
    tabletB = await openTablet(await browser.newContext({ locale: 'ja-JP' }), server.url);
    await enrolInShop(server.enrolmentCode, MEMBER_NO, [
      { tablet: tabletA, deviceName: 'レジ1' },
      { tablet: tabletB, deviceName: 'レジ2' },
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('ends the stream’s long wait on visibilitychange and shows the other tablet’s earn', async () => {
    const before = await shownTotal(tabletA);
    await tabletA.context.route(STREAM, (route) => {
      refusedStreams += 1;
      return route.fulfill({
        status: 403,
        contentType: 'application/json',
        body: JSON.stringify({ error: 'forbidden', message: 'refused for this test' }),
      });
    });
    // Drop the open stream (the network blips); its reconnect meets the refusal and waits five minutes.
    await tabletA.context.setOffline(true);
    await tabletA.context.setOffline(false);
    await expect.poll(() => refusedStreams, { timeout: LIVENESS_MS }).toBeGreaterThan(0);
    await tabletA.context.unroute(STREAM);

    await tabletB.page.getByTestId('earn-amount').fill('4000');
    await tabletB.page.getByTestId('earn-submit').click();
    await expectTotal(tabletB, before + 40);
    await expect.poll(() => postedBalance(server, MEMBER_NO)).toBe(before + 40);
    // Tablet A is still waiting out the refusal: it has not heard.
    expect(await shownTotal(tabletA)).toBe(before);

    await tabletA.page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await expectTotal(tabletA, before + 40);
    await tabletA.page.locator('[data-testid="sync-status"][data-state="synced"]').waitFor({ timeout: LIVENESS_MS });
  });
});
