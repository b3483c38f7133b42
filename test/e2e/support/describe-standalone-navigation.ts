import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_MEMBER_NO } from '../../../server/demo/generate.ts';
import type { EngineTablet, TabletEngine } from './tablet-engine.ts';
import { startTestServer, type TestServer } from './tenpo-server.ts';
import { FIRST_SYNC_MS, LIVENESS_MS, enrol } from './tablet.ts';

const MEMBER_NO = String(FIRST_MEMBER_NO);
const SCREENS = ['counter', 'stock', 'register', 'migrate', 'settings'] as const;
type Screen = (typeof SCREENS)[number];
/** iPad 10.2" upright: the size the app is used at most. */
const VIEWPORT = { width: 810, height: 1080 };

/** Something only that screen shows, so "we are on it" is not read from the address alone. */
const SCREEN_MARK: Record<Screen, string> = {
  counter: '[data-testid="member-search"]',
  stock: '[data-testid="stock-screen"]',
  register: '[data-testid="register-submit"]',
  migrate: '[data-testid="migrate-member-query"]',
  settings: 'section.settings',
};

interface WebManifest {
  display?: string;
  start_url?: string;
}

/**
 * Installed to the home screen there is no address bar and no back button:
 * the app's own navigation must reach every screen, and back must work both
 * from the app's back control and from the OS back gesture (history.back).
 */
export function describeStandaloneNavigation(engine: TabletEngine): void {
  describe(`${engine.name}: as a home-screen app, every screen is reached and left through the app's own navigation`, () => {
    let server: TestServer;
    let tablet: EngineTablet;
    let manifest: WebManifest;

    async function expectOn(screen: Screen): Promise<void> {
      const { page } = tablet;
      await page.locator(SCREEN_MARK[screen]).first().waitFor({ timeout: LIVENESS_MS });
      await expect.poll(() => page.locator('.header__nav [aria-current="page"]').getAttribute('href')).toBe(`#/${screen}`);
    }

    async function tapNav(screen: Screen): Promise<void> {
      await tablet.page.locator(`.header__nav a[href="#/${screen}"]`).tap();
      await expectOn(screen);
    }

    beforeAll(async () => {
      server = await startTestServer();
      const response = await fetch(`${server.url}/manifest.webmanifest`);
      expect(response.ok).toBe(true);
      manifest = (await response.json()) as WebManifest;
      // Opened the way the home-screen icon opens it: the manifest's start URL, nothing typed after.
      // The display mode itself cannot be switched here (headless Chromium has no installed-app
      // window, DevTools' display-mode emulation leaves the media query at "browser", and
      // MiniBrowser is a plain window); the app does not depend on it, so the test instead never
      // uses anything a standalone app lacks.
      tablet = await engine.open(new URL(manifest.start_url ?? '/', server.url).href, VIEWPORT);
      await enrol(tablet, server.enrolmentCode, 'ホーム画面');
    });

    afterAll(async () => {
      await tablet?.close();
      await server?.stop();
    });

    it('the manifest installs it standalone, starting inside the app', () => {
      expect(manifest.display).toBe('standalone');
      expect(manifest.start_url).toBe('/');
    });

    it('starts on the counter with no back control: there is nothing of the app to go back to', async () => {
      await tablet.page.locator(SCREEN_MARK.counter).waitFor({ timeout: LIVENESS_MS });
      expect(await tablet.page.getByTestId('nav-back').count()).toBe(0);
    });

    it('reaches every screen by tapping the header, and the back control walks them back in order', async () => {
      const { page } = tablet;
      for (const screen of SCREENS) await tapNav(screen);
      for (const screen of [...SCREENS].reverse().slice(1)) {
        await page.getByTestId('nav-back').tap();
        await expectOn(screen);
      }
    });

    it('the OS back gesture (history back) agrees with the app, and a back past the first screen is not offered', async () => {
      const { page } = tablet;
      await tapNav('stock');
      await tapNav('migrate');
      await tablet.goBack();
      await expectOn('stock');
      await page.getByTestId('nav-back').tap();
      await expectOn('counter');
      // Forward again (the gesture's other direction) lands on the entry we left, not a new one.
      await tablet.goForward();
      await expectOn('stock');
      await page.getByTestId('nav-back').tap();
      await expectOn('counter');
      await page.getByTestId('nav-back').tap();
      // Back from the first in-app screen lands on the start URL, still the counter, and stops offering back.
      await page.locator(SCREEN_MARK.counter).waitFor({ timeout: LIVENESS_MS });
      await expect.poll(() => page.getByTestId('nav-back').count(), { timeout: LIVENESS_MS }).toBe(0);
      expect(new URL(await tablet.url()).origin).toBe(server.url);
    });

    it('a step entered from another inside a screen has its own back: the migration wizard returns to the member step', async () => {
      const { page } = tablet;
      await tapNav('migrate');
      const option = page.locator(`[data-testid="migrate-member-option"][data-member-no="${MEMBER_NO}"]`);
      // A fresh tablet may still be pulling the members: search again until the member is there.
      const deadline = Date.now() + FIRST_SYNC_MS;
      for (;;) {
        await page.getByTestId('migrate-member-query').fill(MEMBER_NO);
        await page.getByTestId('migrate-member-submit').tap();
        if (await option.waitFor({ timeout: 1_000 }).then(() => true, () => false)) break;
        if (Date.now() > deadline) throw new Error(`member ${MEMBER_NO} not offered within ${FIRST_SYNC_MS} ms`);
      }
      await option.tap();
      await page.getByTestId('migrate-card-no').waitFor({ timeout: LIVENESS_MS });
      // The step's own back button, not the header's (which is outside main): exactly one says so.
      const stepBack = page.locator('main button', { hasText: '戻る' });
      expect(await stepBack.count()).toBe(1);
      expect((await stepBack.textContent())?.trim()).toBe('戻る');
      await stepBack.tap();
      await page.getByTestId('migrate-member-query').waitFor({ timeout: LIVENESS_MS });
      expect(await page.getByTestId('migrate-card-no').count()).toBe(0);
      // The wizard's steps are not history entries: the header still sees migrate as the screen.
      await expectOn('migrate');
    });
  });
}
