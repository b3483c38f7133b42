/**
 * The part of a browser page the tablet helpers use, so one helper drives a
 * Chromium tablet (a Playwright Page, which fits this shape as it is) and a
 * WebKit tablet (WebDriverPage over WebKitGTK's WebDriver) alike.
 */

export interface WaitOptions {
  timeout?: number;
}

export interface TabletLocator {
  click(options?: WaitOptions): Promise<void>;
  /** A finger's tap: touch events in Chromium (its context needs hasTouch); on WebKit a click (WebDriverLocator.tap says why). */
  tap(options?: WaitOptions): Promise<void>;
  fill(value: string, options?: WaitOptions): Promise<void>;
  waitFor(options?: WaitOptions & { state?: 'attached' | 'detached' | 'visible' | 'hidden' }): Promise<void>;
  getAttribute(name: string, options?: WaitOptions): Promise<string | null>;
  textContent(options?: WaitOptions): Promise<string | null>;
  count(): Promise<number>;
  first(): TabletLocator;
  getByTestId(testId: string): TabletLocator;
  locator(selector: string, options?: { hasText?: string }): TabletLocator;
}

export interface TabletPage {
  getByTestId(testId: string): TabletLocator;
  locator(selector: string, options?: { hasText?: string }): TabletLocator;
  reload(): Promise<unknown>;
  /** Runs `fn` in the page; its source is what is sent, so it must not close over test variables. */
  evaluate<R>(fn: () => R | Promise<R>): Promise<R>;
}

/** A tablet in any engine: the helpers in tablet.ts need no more than its page. */
export interface AnyTablet {
  page: TabletPage;
}
