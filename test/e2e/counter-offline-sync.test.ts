import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberStaticCode } from '../../src/domain/member-qr.ts';
import { FIRST_MEMBER_NO } from '../../server/demo/generate.ts';
import { launchChromium } from './support/browser.ts';
import { writeQrVideo } from './support/fake-camera.ts';
import { pointEntryCount, postedBalance, startTestServer, type TestServer } from './support/tenpo-server.ts';
import {
  LIVENESS_MS,
  enrolInShop,
  expectTotal,
  openTablet,
  waitForServiceWorker,
  waitForState,
  type Tablet,
  reloadSignedIn,
} from './support/tablet.ts';

const MEMBER_NO = String(FIRST_MEMBER_NO);

describe('a clerk earns points on an offline tablet; another tablet sees them after sync', () => {
  let server: TestServer;
  let browser: Browser;
  let workDir: string;
  let tabletA: Tablet;
  let tabletB: Tablet;

  async function expectPendingOnTablet(tablet: Tablet, count: number): Promise<void> {
    await expect
      .poll(() => tablet.page.getByTestId('sync-status').getAttribute('data-pending'), { timeout: LIVENESS_MS })
      .toBe(String(count));
  }

  beforeAll(async () => {
    server = await startTestServer();
    workDir = await mkdtemp(join(tmpdir(), 'tenpo-camera-'));
    const video = join(workDir, 'member.y4m');
    await writeQrVideo(memberStaticCode(MEMBER_NO), video);
    browser = await launchChromium({ fakeCameraFile: video });

    tabletA = await openTablet(await browser.newContext({ locale: 'ja-JP' }), server.url);
    // Tablet B stays online throughout. Its service worker is blocked so that
    // request routing sees its sync calls (Playwright cannot route requests a
    // service worker handles); the offline reload is tablet A's job.
    tabletB = await openTablet(await browser.newContext({ locale: 'ja-JP', serviceWorkers: 'block' }), server.url);
    await enrolInShop(server.enrolmentCode, MEMBER_NO, [
      { tablet: tabletA, deviceName: 'レジ1' },
      { tablet: tabletB, deviceName: 'レジ2' },
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('posts an offline earn once, and tablet B shows it live when A reconnects', async () => {
    const before = await postedBalance(server, MEMBER_NO);
    await expectTotal(tabletA, before);
    await expectTotal(tabletB, before);

    await waitForServiceWorker(tabletA);
    await tabletA.context.setOffline(true);
    await reloadSignedIn(tabletA);
    await waitForState(tabletA, 'offline');
    // The reload starts from an empty counter: the member must come from the scan.
    expect(await tabletA.page.getByTestId('member-no').count()).toBe(0);

    // Scan the member's card through the fake camera.
    await tabletA.page.getByTestId('scan-start').click();
    await expect.poll(() => tabletA.page.getByTestId('member-no').textContent(), { timeout: LIVENESS_MS }).toContain(MEMBER_NO);
    await expect(tabletA.page.getByTestId('member-name').textContent()).resolves.not.toBe('');

    await tabletA.page.getByTestId('earn-amount').fill('5000');
    await tabletA.page.getByTestId('earn-submit').click();
    await expectTotal(tabletA, before + 50);
    await expect(tabletA.page.getByTestId('balance-pending').getAttribute('data-points')).resolves.toBe('50');
    await expectPendingOnTablet(tabletA, 1);

    // While A is offline nothing has reached the server or tablet B.
    expect(await postedBalance(server, MEMBER_NO)).toBe(before);
    expect(await tabletB.page.getByTestId('balance-total').getAttribute('data-points')).toBe(String(before));

    const entriesBefore = await pointEntryCount(server);
    await tabletA.context.setOffline(false);
    await expectTotal(tabletB, before + 50);
    await expectPendingOnTablet(tabletA, 0);
    // The push's answer clears "unsent"; the account that counts the entry arrives after it on the stream.
    await expect.poll(() => tabletA.page.getByTestId('balance-pending').count(), { timeout: LIVENESS_MS }).toBe(0);
    expect(await postedBalance(server, MEMBER_NO)).toBe(before + 50);
    expect(await pointEntryCount(server)).toBe(entriesBefore + 1);
  });

  it('retries a push whose response was lost and still posts it once', async () => {
    const before = await postedBalance(server, MEMBER_NO);
    const entriesBefore = await pointEntryCount(server);
    let lostResponses = 0;
    await tabletB.context.route('**/sync/v1/point_entries/push', async (route) => {
      if (lostResponses > 0) return route.continue();
      // The server receives and posts the entry; the tablet never hears back.
      await route.fetch();
      lostResponses += 1;
      return route.abort('connectionreset');
    });

    await tabletB.page.getByTestId('earn-amount').fill('3000');
    await tabletB.page.getByTestId('earn-submit').click();
    await expect.poll(() => lostResponses, { timeout: LIVENESS_MS }).toBe(1);
    await expectPendingOnTablet(tabletB, 0);

    expect(await postedBalance(server, MEMBER_NO)).toBe(before + 30);
    expect(await pointEntryCount(server)).toBe(entriesBefore + 1);
    await expectTotal(tabletB, before + 30);
    await expectTotal(tabletA, before + 30);
  });
});
