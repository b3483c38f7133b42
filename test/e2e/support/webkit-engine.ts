import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PNG } from 'pngjs';
import type { WebDriverPage } from './webdriver-page.ts';
import type { EngineTablet, TabletEngine, ViewportSize } from './tablet-engine.ts';
import { SCREEN_HEIGHT, launchWebKit } from './webkit.ts';

/** A GTK window resizes asynchronously: how long the page may take to see its new size. */
const RESIZE_MS = 10_000;
const POLL_MS = 50;
/** Room MiniBrowser's toolbar and frame take from the screen (38 px measured; generous). */
const MAX_FRAME_PX = 100;

interface PageSize {
  outer: ViewportSize;
  inner: ViewportSize;
}

const sameSize = (a: ViewportSize, b: ViewportSize): boolean => a.width === b.width && a.height === b.height;

/** Polls the page's window sizes until `done` holds, or fails saying what the page last saw. */
async function waitForSize(page: WebDriverPage, what: string, done: (size: PageSize) => boolean): Promise<PageSize> {
  const deadline = Date.now() + RESIZE_MS;
  for (;;) {
    const size = await page.evaluate(() => ({
      outer: { width: window.outerWidth, height: window.outerHeight },
      inner: { width: window.innerWidth, height: window.innerHeight },
    }));
    if (done(size)) return size;
    if (Date.now() > deadline) throw new Error(`WebKit window never reached ${what} within ${RESIZE_MS} ms: ${JSON.stringify(size)}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * What MiniBrowser's toolbar and frame take from its window (38 px of height
 * here). Read while the window stands still: two readings in a row agree. Just
 * after a resize the page may report the new outer size with the old inner
 * one, so a frame worked out mid-resize would be wrong.
 */
async function measureFrame(page: WebDriverPage): Promise<ViewportSize> {
  let previous: PageSize | undefined;
  const { outer, inner } = await waitForSize(page, 'a window standing still', (size) => {
    const steady = previous !== undefined && sameSize(previous.outer, size.outer) && sameSize(previous.inner, size.inner);
    previous = size;
    return steady;
  });
  return { width: outer.width - inner.width, height: outer.height - inner.height };
}

/**
 * WebDriver sizes the whole window, MiniBrowser's toolbar and frame included;
 * the page sees less. Size the window by the frame more, so the CSS viewport
 * is exactly the tablet's, and wait until the page sees it.
 */
async function setViewport(page: WebDriverPage, size: ViewportSize, frame: ViewportSize): Promise<void> {
  await page.driver.manage().window().setRect({ width: size.width + frame.width, height: size.height + frame.height });
  await waitForSize(page, `a ${size.width}×${size.height} viewport`, ({ inner }) => sameSize(inner, size));
}

/** Resolves once the page has painted a frame at its present size. */
async function nextPaint(page: WebDriverPage): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

/** No screen of the app ends in black (its background is light): a black last row is window not yet drawn. */
function isUndrawn(png: Buffer): boolean {
  const { width, height, data } = PNG.sync.read(png);
  const lastRow = data.subarray((height - 1) * width * 4);
  // RGBA: every colour channel dark, alpha whatever.
  return lastRow.every((channel, index) => index % 4 === 3 || channel < 8);
}

/**
 * The window as the page has drawn it. Just after the window grows, WebKitGTK
 * can hand back the new part still black (seen: the bottom 38 or 770 rows),
 * even after the page painted a frame; shoot again until it is drawn.
 */
async function drawnScreenshot(page: WebDriverPage, path: string): Promise<void> {
  const deadline = Date.now() + RESIZE_MS;
  for (;;) {
    await nextPaint(page);
    const png = Buffer.from(await page.driver.takeScreenshot(), 'base64');
    if (!isUndrawn(png)) {
      await mkdir(dirname(path), { recursive: true });
      return writeFile(path, png);
    }
    if (Date.now() > deadline) throw new Error(`WebKit's screenshot for ${path} still ended in black after ${RESIZE_MS} ms`);
  }
}

/**
 * WebDriver's screenshots, of the window or of an element, stop at the
 * viewport; Chromium's full-page one does not. Do as it does: grow the
 * viewport to the page's height for the shot, then put it back.
 */
async function fullPageScreenshot(page: WebDriverPage, viewport: ViewportSize, frame: ViewportSize, path: string): Promise<void> {
  const height = await page.evaluate(() => (document.scrollingElement ?? document.documentElement).scrollHeight);
  if (height > SCREEN_HEIGHT - MAX_FRAME_PX) throw new Error(`the page is ${height} px tall: enlarge SCREEN in support/webkit.ts to photograph it whole`);
  if (height <= viewport.height) return drawnScreenshot(page, path);
  await setViewport(page, { width: viewport.width, height }, frame);
  try {
    await drawnScreenshot(page, path);
  } finally {
    await setViewport(page, viewport, frame);
  }
}

/**
 * WebKitGTK's MiniBrowser through WebDriver (support/webkit.ts), as Safari on
 * an iPad: one browser, its own WebKitWebDriver and X display, per tablet.
 */
export const webkitEngine: TabletEngine = {
  name: 'webkit',
  async open(url, viewport) {
    const webkit = await launchWebKit(url);
    const { page } = webkit;
    let frame: ViewportSize;
    try {
      frame = await measureFrame(page);
      if (frame.width > MAX_FRAME_PX || frame.height > MAX_FRAME_PX) throw new Error(`MiniBrowser's frame measured ${JSON.stringify(frame)}: more than MAX_FRAME_PX`);
      await setViewport(page, viewport, frame);
    } catch (error) {
      await webkit.close();
      throw error;
    }
    let current = viewport;
    const navigation = page.driver.navigate();
    const tablet: EngineTablet = {
      page,
      async setViewport(size) {
        await setViewport(page, size, frame);
        current = size;
      },
      evaluateWith: (fn, arg) => page.evaluateWith(fn, arg),
      screenshot: (path) => fullPageScreenshot(page, current, frame, path),
      goBack: () => navigation.back(),
      goForward: () => navigation.forward(),
      url: () => page.driver.getCurrentUrl(),
      close: () => webkit.close(),
    };
    return tablet;
  },
};
