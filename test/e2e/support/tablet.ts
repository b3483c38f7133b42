import { expect } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_MANAGER_PIN } from '../../../server/demo/manager-pin.ts';
import { DEMO_CLERK_PIN } from '../../../server/demo/staff.ts';
import type { AnyTablet, TabletLocator, TabletPage } from './tablet-page.ts';

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

export async function enrol(tablet: AnyTablet, code: string, deviceName: string): Promise<void> {
  const { page } = tablet;
  await page.getByTestId('enrol-code').fill(code);
  await page.getByTestId('enrol-device-name').fill(deviceName);
  await page.getByTestId('enrol-submit').click();
  await page.getByTestId('sync-status').waitFor();
  await signIn(tablet);
}

export interface ShopTablet {
  tablet: AnyTablet;
  deviceName: string;
}

/**
 * Enrols the tablets in the shop of `code`, then waits until each has pulled
 * enough of the chain to find `memberNo`. All enrol before any waits, so their
 * first syncs run side by side rather than one after another.
 */
export async function enrolInShop(code: string, memberNo: string, tablets: readonly ShopTablet[]): Promise<void> {
  for (const { tablet, deviceName } of tablets) await enrol(tablet, code, deviceName);
  for (const { tablet } of tablets) await findMember(tablet, memberNo, memberNo, FIRST_SYNC_MS);
}

export type DemoRole = 'clerk' | 'manager';
const DEMO_PINS: Record<DemoRole, string> = { clerk: DEMO_CLERK_PIN, manager: DEMO_MANAGER_PIN };

/** Taps a PIN on the keypad inside `scope` (the sign-in screen or the approval dialog) and confirms it. */
export async function enterPin(scope: TabletPage | TabletLocator, pin: string): Promise<void> {
  for (const digit of pin) await scope.getByTestId(`pin-key-${digit}`).click();
  await scope.getByTestId('pin-ok').click();
}

/**
 * Signs in at the sign-in screen as the shop's demo clerk (or manager). A
 * fresh tablet shows the screen once its first settings sync brought the
 * staff; every reload signs the staff member out, so tests sign in again.
 */
export async function signIn(tablet: AnyTablet, role: DemoRole = 'clerk', timeout = FIRST_SYNC_MS): Promise<void> {
  const { page } = tablet;
  await page.locator(`[data-testid="staff-option"][data-role="${role}"]`).first().click({ timeout });
  await enterPin(page.getByTestId('sign-in-screen'), DEMO_PINS[role]);
  await page.locator(`[data-testid="signed-in-staff"][data-role="${role}"]`).waitFor({ timeout: LIVENESS_MS });
}

/** Signs out and in again as another demo role (a manager for an adjustment). */
export async function switchStaff(tablet: AnyTablet, role: DemoRole): Promise<void> {
  await tablet.page.getByTestId('staff-sign-out').click();
  await signIn(tablet, role, LIVENESS_MS);
}

/** Reloads the page (a reload signs the staff member out) and signs the demo clerk in again. */
export async function reloadSignedIn(tablet: AnyTablet, role: DemoRole = 'clerk'): Promise<void> {
  await tablet.page.reload();
  await signIn(tablet, role, LIVENESS_MS);
}

/** In the open approval dialog: the shop's demo manager approves with their PIN. */
export async function approveAsManager(tablet: AnyTablet): Promise<void> {
  const dialog = tablet.page.getByTestId('approval-dialog');
  await dialog.locator('[data-testid="staff-option"][data-role="manager"]').first().click();
  await enterPin(dialog, DEMO_MANAGER_PIN);
  await dialog.waitFor({ state: 'detached', timeout: LIVENESS_MS });
}

export async function waitForState(tablet: AnyTablet, state: string, timeout = LIVENESS_MS): Promise<void> {
  await tablet.page.locator(`[data-testid="sync-status"][data-state="${state}"]`).waitFor({ timeout });
}

/** Waits until the service worker controls the page, so an offline reload is served from its cache. */
export async function waitForServiceWorker(tablet: AnyTablet): Promise<void> {
  await tablet.page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  if (!(await tablet.page.evaluate(() => navigator.serviceWorker.controller !== null))) {
    await reloadSignedIn(tablet);
  }
  expect(await tablet.page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

/**
 * Types a member number or phone into the counter search until the member's
 * card shows (a fresh tablet may still be pulling the chain). Usable in hooks,
 * where expect.poll is not.
 */
export async function findMember(tablet: AnyTablet, query: string, memberNo: string, timeout = LIVENESS_MS): Promise<void> {
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

export async function shownTotal(tablet: AnyTablet): Promise<number> {
  const value = await tablet.page.getByTestId('balance-total').getAttribute('data-points');
  if (value === null) throw new Error('balance-total has no data-points');
  return Number(value);
}

export async function expectTotal(tablet: AnyTablet, points: number, timeout = LIVENESS_MS): Promise<void> {
  await expect.poll(() => shownTotal(tablet), { timeout }).toBe(points);
}

/** A number a counter element carries in `data-points` (balance-available, redeem-limit, account-debt…). */
export async function pointsOf(tablet: AnyTablet, testId: string): Promise<number> {
  const value = await tablet.page.getByTestId(testId).first().getAttribute('data-points');
  if (value === null) throw new Error(`${testId} has no data-points`);
  return Number(value);
}

/** The sync indicator's count of this tablet's entries the server has not acknowledged. */
export async function unsentCount(tablet: AnyTablet): Promise<number> {
  return Number(await tablet.page.getByTestId('sync-status').getAttribute('data-pending'));
}

/** The counter's feedback line once it says something: its tone (success | error | info). */
export async function messageTone(tablet: AnyTablet): Promise<string | null> {
  return tablet.page.getByTestId('counter-message').getAttribute('data-tone');
}
