import { readFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { COLLECTION_NAMES } from '../../src/protocol/index.ts';

const ROOT = resolve(import.meta.dirname, '../..');
/** Where the floor page lives at the tablet's origin; answered by page.route, never by the server. */
const BENCH_PATH = '/__bench/';

/**
 * Bundles browser/floor-entry.ts (the app's db and sync modules, production
 * mode: no dev-mode plugin, as in the built PWA) into a temp directory.
 */
export async function buildFloorBundle(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'tenpo-bench-floor-'));
  await build({
    configFile: false,
    root: ROOT,
    mode: 'production',
    logLevel: 'warn',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir,
      emptyOutDir: true,
      minify: true,
      lib: { entry: resolve(import.meta.dirname, 'browser/floor-entry.ts'), formats: ['es'], fileName: () => 'floor.js' },
    },
  });
  return outDir;
}

/**
 * Opens the floor page at the tablet's origin in `context` (a fresh one: its
 * own IndexedDB, no service worker). The page and its modules come from
 * `bundleDir` through page.route, so the server under test is not changed.
 */
export async function openFloorPage(context: BrowserContext, origin: string, bundleDir: string): Promise<Page> {
  await context.route(`${origin}${BENCH_PATH}**`, async (route) => {
    const file = new URL(route.request().url()).pathname.slice(BENCH_PATH.length);
    if (file === 'floor.html') {
      await route.fulfill({ contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><script type="module" src="floor.js"></script>' });
      return;
    }
    if (!/^[\w.-]+\.js$/.test(file)) return route.fulfill({ status: 404 });
    await route.fulfill({ contentType: 'text/javascript', body: await readFile(join(bundleDir, file)) });
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[floor page error] ${error.message}`));
  await page.goto(`${origin}${BENCH_PATH}floor.html`);
  await page.waitForFunction(() => 'tenpoBench' in window);
  return page;
}

/**
 * Counts the records of every collection in the app's own IndexedDB
 * databases (RxDB's Dexie storage keeps one per collection, named
 * `rxdb-dexie-tenpo--<schema version>--<collection>`), tombstones included.
 */
export async function countAppDocuments(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async (collections) => {
    const prefix = 'rxdb-dexie-tenpo--';
    const counts: Record<string, number> = {};
    for (const { name } of await indexedDB.databases()) {
      if (!name?.startsWith(prefix)) continue;
      const collection = name.slice(prefix.length).replace(/^\d+--/, '');
      // RxDB's own stores (replication meta, local documents) live beside them.
      if (!collections.includes(collection)) continue;
      counts[collection] = await new Promise<number>((done, fail) => {
        const open = indexedDB.open(name);
        open.onerror = () => fail(open.error ?? new Error(`cannot open ${name}`));
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction('docs').objectStore('docs').count();
          request.onsuccess = () => {
            db.close();
            done(request.result);
          };
          request.onerror = () => fail(request.error ?? new Error(`cannot count ${name}`));
        };
      });
    }
    return counts;
  }, COLLECTION_NAMES as readonly string[]);
}
