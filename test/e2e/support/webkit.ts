import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { Builder } from 'selenium-webdriver';
import { WebDriverPage } from './webdriver-page.ts';

/** Debian's WebKitGTK: the same engine family as Safari on the iPads most shops use. */
export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
export const WEBKIT_BROWSER = process.env.WEBKIT_BROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const XVFB_RUN = '/usr/bin/xvfb-run';
const HOW = 'run "sudo apt-get install -y webkit2gtk-driver xvfb xauth" (npm test installs them when run as root)';
/**
 * Big enough for the largest tablet viewport either way round plus the
 * browser's own window frame, and tall enough for a whole page's screenshot
 * (the window grows to the page's height for it: support/webkit-engine.ts).
 */
export const SCREEN_HEIGHT = 4800;
const SCREEN = `1600x${SCREEN_HEIGHT}x24`;
const DRIVER_START_MS = 30_000;

export interface WebKitTablet {
  page: WebDriverPage;
  /** Ends the browser, its WebDriver and the virtual display. */
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilReady(url: string, driver: ChildProcess): Promise<void> {
  const deadline = Date.now() + DRIVER_START_MS;
  while (Date.now() < deadline) {
    if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited with code ${driver.exitCode} before it was ready`);
    try {
      const status = (await (await fetch(`${url}/status`)).json()) as { value?: { ready?: boolean } };
      if (status.value?.ready) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`WebKitWebDriver did not answer on ${url} within ${DRIVER_START_MS} ms`);
}

function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    // xvfb-run, its Xvfb and the driver share the group we started them in.
    process.kill(-(child.pid as number), 'SIGTERM');
  });
}

/**
 * One WebKit tablet: WebKitGTK's MiniBrowser under a virtual X display, driven
 * through W3C WebDriver (DESIGN.md's recipe). Fails loudly, saying how to get
 * the packages, when they are missing: never a silent pass.
 */
export async function launchWebKit(url: string): Promise<WebKitTablet> {
  const missing = [WEBKIT_DRIVER, WEBKIT_BROWSER, XVFB_RUN].filter((path) => !existsSync(path));
  if (missing.length > 0) throw new Error(`WebKit tests need ${missing.join(', ')}: ${HOW}.`);
  const port = await freePort();
  const driverProcess = spawn(XVFB_RUN, ['-a', '-s', `-screen 0 ${SCREEN}`, WEBKIT_DRIVER, `--port=${port}`], {
    detached: true,
    stdio: 'ignore',
  });
  const serverUrl = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(serverUrl, driverProcess);
    const driver = await new Builder()
      .usingServer(serverUrl)
      .withCapabilities({
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: WEBKIT_BROWSER, args: ['--automation'] },
      })
      .build();
    const page = new WebDriverPage(driver);
    await page.goto(url);
    return {
      page,
      async close() {
        await driver.quit().catch(() => undefined);
        await stopGroup(driverProcess);
      },
    };
  } catch (error) {
    await stopGroup(driverProcess);
    throw error;
  }
}
