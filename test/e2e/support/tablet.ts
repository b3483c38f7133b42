import { expect } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';

/** Liveness bound for UI to reflect a change; speed itself is measured in `npm run bench`. */
export const LIVENESS_MS = 10_000;
/** A fresh tablet pulls the whole demo chain before the counter can find anyone. */
export const FIRST_SYNC_MS = 60_000;

export interface Tablet {
  context: BrowserContext;
  page: Page;
}

export async function openTablet(context: BrowserContext, url: string): Promise<Tablet> {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[tablet page error] ${error.message}`));
  await page.goto(url);
  return { context, page };
}

export async function enrol(tablet: Tablet, code: string, deviceName: string): Promise<void> {
  const { page } = tablet;
  await page.getByTestId('enrol-code').fill(code);
  await page.getByTestId('enrol-device-name').fill(deviceName);
  await page.getByTestId('enrol-submit').click();
  await page.getByTestId('sync-status').waitFor();
}

export async function waitForState(tablet: Tablet, state: string, timeout = LIVENESS_MS): Promise<void> {
  await tablet.page.locator(`[data-testid="sync-status"][data-state="${state}"]`).waitFor({ timeout });
}

/** Waits until the service worker controls the page, so an offline reload is served from its cache. */
export async function waitForServiceWorker(tablet: Tablet): Promise<void> {
  await tablet.page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  if (!(await tablet.page.evaluate(() => navigator.serviceWorker.controller !== null))) {
    await tablet.page.reload();
  }
  expect(await tablet.page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

/**
 * Types a member number or phone into the counter search until the member's
 * card shows (a fresh tablet may still be pulling the chain). Usable in hooks,
 * where expect.poll is not.
 */
export async function findMember(tablet: Tablet, query: string, memberNo: string, timeout = LIVENESS_MS): Promise<void> {
  const { page } = tablet;
  const card = page.locator('[data-testid="member-no"]', { hasText: memberNo });
  const deadline = Date.now() + timeout;
  for (;;) {
    await page.getByTestId('member-search').fill(query);
    await page.getByTestId('member-search-submit').click();
    try {
      await card.waitFor({ timeout: 1_000 });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`member ${memberNo} not found on the tablet within ${timeout} ms`, { cause: error });
    }
  }
}

export async function shownTotal(tablet: Tablet): Promise<number> {
  const value = await tablet.page.getByTestId('balance-total').getAttribute('data-points');
  if (value === null) throw new Error('balance-total has no data-points');
  return Number(value);
}

export async function expectTotal(tablet: Tablet, points: number, timeout = LIVENESS_MS): Promise<void> {
  await expect.poll(() => shownTotal(tablet), { timeout }).toBe(points);
}

/** A number a counter element carries in `data-points` (balance-available, redeem-limit, account-debt…). */
export async function pointsOf(tablet: Tablet, testId: string): Promise<number> {
  const value = await tablet.page.getByTestId(testId).first().getAttribute('data-points');
  if (value === null) throw new Error(`${testId} has no data-points`);
  return Number(value);
}

/** The sync indicator's count of this tablet's entries the server has not acknowledged. */
export async function unsentCount(tablet: Tablet): Promise<number> {
  return Number(await tablet.page.getByTestId('sync-status').getAttribute('data-pending'));
}

/** The counter's feedback line once it says something: its tone (success | error | info). */
export async function messageTone(tablet: Tablet): Promise<string | null> {
  return tablet.page.getByTestId('counter-message').getAttribute('data-tone');
}
