import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_MEMBER_NO } from '../../server/demo/generate.ts';
import { launchChromium } from './support/browser.ts';
import { identifyWithPhone, pairMemberPhone, type MemberPhone } from './support/member-phone.ts';
import { networkCable, type NetworkCable } from './support/network-cable.ts';
import type { AnyTablet } from './support/tablet-page.ts';
import { pointEntryCount, postedBalance, startTestServer, type TestServer } from './support/tenpo-server.ts';
import {
  LIVENESS_MS,
  enrolInShop,
  expectTotal,
  findMember,
  openTablet,
  reloadSignedIn,
  unsentCount,
  waitForServiceWorker,
  type Tablet,
} from './support/tablet.ts';
import { launchWebKit, type WebKitTablet } from './support/webkit.ts';

const MEMBER_NO = String(FIRST_MEMBER_NO);

/**
 * The tablet on Safari's engine (WebKitGTK through WebDriver), next to a
 * Chromium tablet in the same shop: mixed engines must converge.
 *
 * WebKitGTK has no fake camera here, so the WebKit tablet finds the member by
 * the number typed and identifies them for redemption by the phone's signed
 * code typed as a keyboard-wedge scanner sends it; the camera path is covered
 * in Chromium (counter-offline-sync, paper-card-scan). Its "network" is a
 * cable the test pulls (support/network-cable.ts).
 */
describe('WebKit tablet: enrol, first sync, earn and redeem, offline reload and converge with a Chromium tablet', () => {
  let server: TestServer;
  let cable: NetworkCable;
  let webkit: WebKitTablet;
  let chromium: Browser;
  let tabletA: AnyTablet;
  let tabletB: Tablet;
  let phone: MemberPhone;

  async function earn(tablet: AnyTablet, yen: number): Promise<void> {
    await tablet.page.getByTestId('earn-amount').fill(String(yen));
    await tablet.page.getByTestId('earn-submit').click();
  }

  beforeAll(async () => {
    server = await startTestServer();
    // Paired before the tablets sync, so its key reaches them with the first pull.
    phone = await pairMemberPhone(server, MEMBER_NO);
    cable = await networkCable(server.url);
    webkit = await launchWebKit(cable.url);
    tabletA = webkit;
    chromium = await launchChromium();
    tabletB = await openTablet(await chromium.newContext({ locale: 'ja-JP' }), server.url);
    await enrolInShop(server.enrolmentCode, MEMBER_NO, [
      { tablet: tabletA, deviceName: 'iPad レジ' },
      { tablet: tabletB, deviceName: 'Android レジ' },
    ]);
  });

  afterAll(async () => {
    await webkit?.close();
    await chromium?.close();
    await cable?.close();
    await server?.stop();
  });

  it('runs on WebKit without Background Sync: enrolled, synced, the member greeted by name', async () => {
    const engine = await tabletA.page.evaluate(() => ({
      userAgent: navigator.userAgent,
      backgroundSync: 'SyncManager' in window,
      serviceWorker: 'serviceWorker' in navigator,
    }));
    expect(engine.userAgent).toContain('AppleWebKit');
    expect(engine.userAgent).not.toContain('Chrome');
    // iPad Safari has no Background Sync either: sync must not depend on it.
    expect(engine.backgroundSync).toBe(false);
    expect(engine.serviceWorker).toBe(true);
    await tabletA.page.locator('[data-testid="sync-status"][data-state="synced"]').waitFor({ timeout: LIVENESS_MS });
    expect((await tabletA.page.getByTestId('member-name').textContent())?.trim()).not.toBe('');
    await expectTotal(tabletA, await postedBalance(server, MEMBER_NO));
  });

  it('earns and redeems on WebKit; the Chromium tablet shows each', async () => {
    const before = await postedBalance(server, MEMBER_NO);
    await earn(tabletA, 5000);
    await expectTotal(tabletA, before + 50);
    await expectTotal(tabletB, before + 50);

    await identifyWithPhone(tabletA, phone);
    await tabletA.page.getByTestId('redeem-points').fill('30');
    await tabletA.page.getByTestId('redeem-submit').click();
    await expectTotal(tabletA, before + 20);
    await expectTotal(tabletB, before + 20);
    await expect.poll(() => unsentCount(tabletA), { timeout: LIVENESS_MS }).toBe(0);
    expect(await postedBalance(server, MEMBER_NO)).toBe(before + 20);
  });

  it('reloads from the service worker with the line down, keeps an earn, and converges once the line is back', async () => {
    const before = await postedBalance(server, MEMBER_NO);
    const entriesBefore = await pointEntryCount(server);
    await waitForServiceWorker(tabletA);

    cable.unplug();
    await reloadSignedIn(tabletA);
    // The page and the member came from the tablet itself: the service worker's cache and IndexedDB.
    await findMember(tabletA, MEMBER_NO, MEMBER_NO);
    await earn(tabletA, 2000);
    await expectTotal(tabletA, before + 20);
    await expect.poll(() => unsentCount(tabletA), { timeout: LIVENESS_MS }).toBe(1);
    // It did try the network, and nothing got through.
    await expect.poll(() => cable.refused, { timeout: LIVENESS_MS }).toBeGreaterThan(0);
    expect(await postedBalance(server, MEMBER_NO)).toBe(before);
    await expectTotal(tabletB, before);

    await earn(tabletB, 1000);
    await expectTotal(tabletB, before + 10);

    cable.plug();
    // Nobody touches tablet A: it resumes by itself, with no online event and no Background Sync.
    await expect.poll(() => unsentCount(tabletA), { timeout: LIVENESS_MS }).toBe(0);
    await expectTotal(tabletB, before + 30);
    await expectTotal(tabletA, before + 30);
    expect(await postedBalance(server, MEMBER_NO)).toBe(before + 30);
    expect(await pointEntryCount(server)).toBe(entriesBefore + 2);
  });
});
