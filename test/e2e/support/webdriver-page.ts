import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { WebDriver, WebElement } from 'selenium-webdriver';
import type { TabletLocator, TabletPage, WaitOptions } from './tablet-page.ts';

/** Playwright waits for an element before acting on it; so does this, for as long as a test would. */
const DEFAULT_TIMEOUT_MS = 30_000;
const POLL_MS = 100;

interface Step {
  css: string;
  hasText?: string | undefined;
  first?: boolean;
}

type ElementState = 'attached' | 'detached' | 'visible' | 'hidden';

/**
 * Finds the elements a chain of steps names, inside the page in one round trip:
 * each step's CSS within the last step's matches, filtered by text like
 * Playwright's `hasText`. Sent as source, so it only uses DOM APIs.
 */
function resolveSteps(steps: Step[], onlyVisible: boolean): Element[] {
  let nodes: ParentNode[] = [document];
  for (const step of steps) {
    let next: Element[] = [];
    for (const node of nodes) next.push(...Array.from(node.querySelectorAll(step.css)));
    const text = step.hasText;
    if (text !== undefined) next = next.filter((element) => (element.textContent ?? '').includes(text));
    next = Array.from(new Set(next));
    if (step.first) next = next.slice(0, 1);
    nodes = next;
  }
  const elements = nodes as Element[];
  return onlyVisible ? elements.filter((element) => element.getClientRects().length > 0 && element.checkVisibility({ visibilityProperty: true })) : elements;
}

const RESOLVE_SCRIPT = `return (${resolveSteps.toString()})(arguments[0], arguments[1]);`;

/** The first time `probe` gives a value before the deadline; stale elements and the like count as "not yet". */
async function poll<T>(what: string, timeout: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw new Error(`WebKit: ${what} within ${timeout} ms`, { cause: lastError });
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

class WebDriverLocator implements TabletLocator {
  constructor(
    private readonly driver: WebDriver,
    private readonly steps: Step[],
  ) {}

  private get description(): string {
    return this.steps.map((step) => step.css + (step.hasText ? ` with "${step.hasText}"` : '')).join(' >> ');
  }

  private async elements(onlyVisible = false): Promise<WebElement[]> {
    return this.driver.executeScript<WebElement[]>(RESOLVE_SCRIPT, this.steps, onlyVisible);
  }

  private async firstVisible(timeout: number): Promise<WebElement> {
    return poll(`no visible ${this.description}`, timeout, async () => (await this.elements(true))[0]);
  }

  async click(options: WaitOptions = {}): Promise<void> {
    const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
    // A re-render between finding and clicking makes the element stale: find it again.
    await poll(`could not click ${this.description}`, timeout, async () => {
      const element = await this.firstVisible(timeout);
      if (!(await element.isEnabled())) return undefined;
      await element.click();
      return true;
    });
  }

  /**
   * On WebKit a tap is a click. WebKitGTK's WebDriver takes W3C touch actions
   * but delivers them as a mouse (tried: pointerdown with pointerType "mouse",
   * then click, and no touchstart), so a click is the same thing, said plainly.
   * The app acts on clicks (and on pointerdown only to keep the session awake).
   */
  async tap(options: WaitOptions = {}): Promise<void> {
    await this.click(options);
  }

  async fill(value: string, options: WaitOptions = {}): Promise<void> {
    const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
    await poll(`could not fill ${this.description}`, timeout, async () => {
      const element = await this.firstVisible(timeout);
      // Empty it the way React notices (its own value setter, then an input
      // event), then type: WebDriver's clear() alone leaves React's state behind.
      await this.driver.executeScript(
        `const el = arguments[0];
         const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value').set;
         setter.call(el, '');
         el.dispatchEvent(new Event('input', { bubbles: true }));`,
        element,
      );
      if (value !== '') await element.sendKeys(value);
      return (await element.getAttribute('value')) === value ? true : undefined;
    });
  }

  async waitFor(options: WaitOptions & { state?: ElementState } = {}): Promise<void> {
    const state = options.state ?? 'visible';
    const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
    await poll(`${this.description} never became ${state}`, timeout, async () => {
      const found = await this.elements(state === 'visible' || state === 'hidden');
      const present = found.length > 0;
      return (state === 'attached' || state === 'visible' ? present : !present) ? true : undefined;
    });
  }

  async getAttribute(name: string, options: WaitOptions = {}): Promise<string | null> {
    const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
    return poll(`no ${this.description} to read ${name} from`, timeout, async () => {
      const [element] = await this.elements();
      if (!element) return undefined;
      return this.driver.executeScript<string | null>('return arguments[0].getAttribute(arguments[1]);', element, name);
    });
  }

  async textContent(options: WaitOptions = {}): Promise<string | null> {
    const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
    return poll(`no ${this.description} to read text from`, timeout, async () => {
      const [element] = await this.elements();
      if (!element) return undefined;
      return this.driver.executeScript<string | null>('return arguments[0].textContent;', element);
    });
  }

  async count(): Promise<number> {
    return (await this.elements()).length;
  }

  first(): TabletLocator {
    const last = this.steps.at(-1);
    if (!last) return this;
    return new WebDriverLocator(this.driver, [...this.steps.slice(0, -1), { ...last, first: true }]);
  }

  getByTestId(testId: string): TabletLocator {
    return this.locator(`[data-testid="${testId}"]`);
  }

  locator(selector: string, options: { hasText?: string } = {}): TabletLocator {
    return new WebDriverLocator(this.driver, [...this.steps, { css: selector, hasText: options.hasText }]);
  }
}

/** A WebKit tablet's page, driven through WebDriver with the same calls a Playwright page takes. */
export class WebDriverPage implements TabletPage {
  constructor(readonly driver: WebDriver) {}

  getByTestId(testId: string): TabletLocator {
    return this.locator(`[data-testid="${testId}"]`);
  }

  locator(selector: string, options: { hasText?: string } = {}): TabletLocator {
    return new WebDriverLocator(this.driver, [{ css: selector, hasText: options.hasText }]);
  }

  async goto(url: string): Promise<void> {
    await this.driver.get(url);
  }

  async reload(): Promise<void> {
    await this.driver.navigate().refresh();
  }

  /** Like Playwright's evaluate: awaits a returned promise and rethrows what the page threw. */
  async evaluate<R>(fn: () => R | Promise<R>): Promise<R> {
    return this.evaluateWith(fn, undefined);
  }

  async evaluateWith<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
    const outcome = await this.driver.executeAsyncScript<{ value?: R; error?: string }>(
      `const done = arguments[arguments.length - 1];
       Promise.resolve()
         .then(() => (${fn.toString()})(arguments[0]))
         .then((value) => done({ value }), (error) => done({ error: String(error && error.stack || error) }));`,
      arg,
    );
    if (outcome.error !== undefined) throw new Error(`in the WebKit page: ${outcome.error}`);
    return outcome.value as R;
  }

  async screenshot(path: string): Promise<void> {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, await this.driver.takeScreenshot(), 'base64');
  }
}
