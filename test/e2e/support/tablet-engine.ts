import type { AnyTablet } from './tablet-page.ts';

export interface ViewportSize {
  width: number;
  height: number;
}

/**
 * One tablet in one browser engine, with what an engine-agnostic test needs
 * beyond its page: the screen size, the OS back gesture, a screenshot. Each
 * tablet is its own browser, so closing it ends everything it started.
 */
export interface EngineTablet extends AnyTablet {
  /** Makes the page's CSS viewport exactly this size (window.innerWidth × innerHeight). */
  setViewport(size: ViewportSize): Promise<void>;
  /** Runs `fn(arg)` in the page; its source is what is sent, so it must not close over test variables. */
  evaluateWith<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** The whole page, scrolled parts included, as a PNG. */
  screenshot(path: string): Promise<void>;
  /** The browser's own back and forward, as the OS back gesture of a home-screen app. */
  goBack(): Promise<void>;
  goForward(): Promise<void>;
  url(): Promise<string>;
  close(): Promise<void>;
}

export interface TabletEngine {
  /** Names the describe block and the screenshots: chromium | webkit. */
  readonly name: string;
  /** A Japanese tablet of this viewport at `url`. */
  open(url: string, viewport: ViewportSize): Promise<EngineTablet>;
}
