import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { launchChromium } from './browser.ts';
import type { EngineTablet, TabletEngine } from './tablet-engine.ts';
import { openTablet } from './tablet.ts';

/** Headless Chromium through Playwright, a touch screen (taps are touch events), as an Android tablet. */
export const chromiumEngine: TabletEngine = {
  name: 'chromium',
  async open(url, viewport) {
    const browser = await launchChromium();
    try {
      const { page } = await openTablet(await browser.newContext({ locale: 'ja-JP', hasTouch: true, viewport }), url);
      const tablet: EngineTablet = {
        page,
        setViewport: (size) => page.setViewportSize(size),
        // Playwright types the argument as it unboxes handles; ours are plain JSON values, passed as they are.
        evaluateWith: <A, R>(fn: (arg: A) => R | Promise<R>, arg: A) => page.evaluate(fn as (arg: unknown) => R | Promise<R>, arg),
        async screenshot(path) {
          await mkdir(dirname(path), { recursive: true });
          await page.screenshot({ path, fullPage: true });
        },
        goBack: async () => void (await page.goBack()),
        goForward: async () => void (await page.goForward()),
        url: () => Promise.resolve(page.url()),
        close: () => browser.close(),
      };
      return tablet;
    } catch (error) {
      await browser.close();
      throw error;
    }
  },
};
