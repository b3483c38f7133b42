import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_MEMBER_NO } from '../../server/demo/generate.ts';
import { launchChromium } from './support/browser.ts';
import { identifyWithPhone, pairMemberPhone } from './support/member-phone.ts';
import { startTestServer, type TestServer } from './support/tenpo-server.ts';
import {
  FIRST_SYNC_MS,
  LIVENESS_MS,
  enrol,
  findMember,
  messageTone,
  openTablet,
  pointsOf,
  unsentCount,
  waitForState,
  type Tablet,
} from './support/tablet.ts';

const MEMBER_NO = String(FIRST_MEMBER_NO);
/** What the member has left to spend when both tablets lose the network. */
const LEFT = 100;
/** What each offline tablet redeems: within its own limit (LEFT), together more than LEFT. */
const SPEND = 80;
const DEBT = 2 * SPEND - LEFT;
const REPAY_RECEIPT = 'R-E2E-REPAY';

/**
 * DESIGN.md "Points": offline redemption is allowed but bounded; on sync the
 * server posts in its own order, and an overdraft is posted (the goods are
 * gone), flagged and paid back from the next earnings — never dropped.
 */
describe('two offline tablets redeem for one member and overdraw; the next earn pays it back', () => {
  let server: TestServer;
  let browser: Browser;
  let tabletA: Tablet;
  let tabletB: Tablet;

  async function counterPoints(tablet: Tablet, testId: string): Promise<number> {
    return pointsOf(tablet, testId);
  }

  async function redeem(tablet: Tablet, points: number): Promise<void> {
    await tablet.page.getByTestId('redeem-points').fill(String(points));
    await tablet.page.getByTestId('redeem-submit').click();
  }

  function rows(tablet: Tablet, selector: string) {
    return tablet.page.locator(`[data-testid="entry-row"]${selector}`);
  }

  async function offlineRedeemsOnServer(): Promise<string[]> {
    const { rows: found } = await server.store.query<{ flags: string }>(
      `select array_to_string(e.flags, ',') as flags
         from point_entries e join members m on m.id = e.member_id
        where m.member_no = $1 and e.type = 'redeem' and e.offline
        order by e.posting_no`,
      [MEMBER_NO],
    );
    return found.map((row) => row.flags);
  }

  beforeAll(async () => {
    server = await startTestServer(100);
    // Redemption needs the member's own phone (a TNP2 code): pair one before the tablets' first sync brings its key.
    const phone = await pairMemberPhone(server, MEMBER_NO);
    browser = await launchChromium();
    // No service workers: nothing here reloads offline, and request routing stays visible.
    tabletA = await openTablet(await browser.newContext({ locale: 'ja-JP', serviceWorkers: 'block' }), server.url);
    tabletB = await openTablet(await browser.newContext({ locale: 'ja-JP', serviceWorkers: 'block' }), server.url);
    await enrol(tabletA, server.enrolmentCode, 'レジ1');
    await enrol(tabletB, server.enrolmentCode, 'レジ2');
    await findMember(tabletA, MEMBER_NO, MEMBER_NO, FIRST_SYNC_MS);
    await findMember(tabletB, MEMBER_NO, MEMBER_NO, FIRST_SYNC_MS);
    await waitForState(tabletA, 'synced', FIRST_SYNC_MS);
    await waitForState(tabletB, 'synced', FIRST_SYNC_MS);
    await identifyWithPhone(tabletA, phone);
    await identifyWithPhone(tabletB, phone);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('brings the member down to a small balance online, seen by both tablets', async () => {
    // Demo members have whatever history the generator gave them: top up if
    // needed, then redeem online down to exactly LEFT.
    if ((await counterPoints(tabletA, 'balance-available')) <= LEFT) {
      await tabletA.page.getByTestId('earn-amount').fill('30000');
      await tabletA.page.getByTestId('earn-submit').click();
      await expect.poll(() => unsentCount(tabletA), { timeout: LIVENESS_MS }).toBe(0);
      await expect.poll(() => counterPoints(tabletA, 'balance-available'), { timeout: LIVENESS_MS }).toBeGreaterThan(LEFT);
    }
    const available = await counterPoints(tabletA, 'balance-available');
    const limit = tabletA.page.getByTestId('redeem-limit');
    expect(await limit.getAttribute('data-bound')).toBe('online');
    expect(Number(await limit.getAttribute('data-points'))).toBe(available);

    await redeem(tabletA, available - LEFT);
    await expect.poll(() => messageTone(tabletA), { timeout: LIVENESS_MS }).toBe('success');
    for (const tablet of [tabletA, tabletB]) {
      await expect.poll(() => counterPoints(tablet, 'balance-available'), { timeout: LIVENESS_MS }).toBe(LEFT);
      // The account that counts the redemption has arrived: nothing is pending any more.
      await expect.poll(() => tablet.page.getByTestId('balance-pending').count(), { timeout: LIVENESS_MS }).toBe(0);
    }
    expect(await unsentCount(tabletA)).toBe(0);
  });

  it('lets each offline tablet redeem only within its bound, and says which bound', async () => {
    for (const tablet of [tabletA, tabletB]) {
      await tablet.context.setOffline(true);
      await waitForState(tablet, 'offline');
      const limit = tablet.page.getByTestId('redeem-limit');
      await expect.poll(() => limit.getAttribute('data-bound'), { timeout: LIVENESS_MS }).toBe('balance');
      expect(await limit.getAttribute('data-points')).toBe(String(LEFT));
    }

    // Over the bound: refused on the spot, nothing written.
    await redeem(tabletA, LEFT + 50);
    await expect.poll(() => messageTone(tabletA), { timeout: LIVENESS_MS }).toBe('error');
    expect(await unsentCount(tabletA)).toBe(0);

    for (const tablet of [tabletA, tabletB]) {
      await redeem(tablet, SPEND);
      await expect.poll(() => unsentCount(tablet), { timeout: LIVENESS_MS }).toBe(1);
      // The entry is stored (and counted) a moment before the counter's answer renders: wait for the answer too.
      await expect.poll(() => messageTone(tablet), { timeout: LIVENESS_MS }).toBe('success');
      await expect(rows(tablet, '[data-type="redeem"][data-offline="true"][data-pending="true"]').count()).resolves.toBe(1);
      // This tablet's own pending spend comes off what it may still give.
      await expect.poll(() => tablet.page.getByTestId('redeem-limit').getAttribute('data-points'), { timeout: LIVENESS_MS }).toBe(
        String(LEFT - SPEND),
      );
    }
  });

  it('posts both when the tablets come back, flags the overdraft, and both tablets show the debt', async () => {
    await tabletA.context.setOffline(false);
    await tabletB.context.setOffline(false);
    for (const tablet of [tabletA, tabletB]) {
      await expect.poll(() => unsentCount(tablet), { timeout: LIVENESS_MS }).toBe(0);
      await expect.poll(() => counterPoints(tablet, 'account-debt').catch(() => null), { timeout: LIVENESS_MS }).toBe(DEBT);
      expect(await counterPoints(tablet, 'balance-available')).toBe(0);
      // Both redemptions, the other tablet's too, and the second one posted carries the flag.
      await expect.poll(() => rows(tablet, '[data-type="redeem"][data-offline="true"]').count(), { timeout: LIVENESS_MS }).toBe(2);
      await expect
        .poll(() => rows(tablet, '[data-type="redeem"][data-offline="true"][data-flags*="overdraft"]').count(), { timeout: LIVENESS_MS })
        .toBe(1);
    }
    // Posted exactly once each, in the server's order: the later one overdrew.
    expect(await offlineRedeemsOnServer()).toEqual(['', 'overdraft']);
  });

  it('pays the debt back from the next earn, on both tablets', async () => {
    await tabletB.page.getByTestId('earn-amount').fill('10000');
    await tabletB.page.getByTestId('earn-ref').fill(REPAY_RECEIPT);
    const earned = Number(await tabletB.page.getByTestId('earn-preview').getAttribute('data-points'));
    expect(earned).toBeGreaterThan(DEBT);
    await tabletB.page.getByTestId('earn-submit').click();

    for (const tablet of [tabletB, tabletA]) {
      await expect.poll(() => tablet.page.getByTestId('account-debt').count(), { timeout: LIVENESS_MS }).toBe(0);
      const earnRow = rows(tablet, '[data-type="earn"]').filter({ hasText: REPAY_RECEIPT });
      await expect.poll(() => earnRow.getAttribute('data-repaid'), { timeout: LIVENESS_MS }).toBe(String(DEBT));
      await expect.poll(() => counterPoints(tablet, 'balance-available'), { timeout: LIVENESS_MS }).toBe(earned - DEBT);
    }
    // The overdraft stays on record as flagged: it happened, and was paid back.
    expect(await offlineRedeemsOnServer()).toEqual(['', 'overdraft']);
  });
});
