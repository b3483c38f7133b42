import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DEMO_CLERK_PIN } from '../../server/demo/staff.ts';
import { startTenpo } from '../../server/start.ts';
import { launchChromium } from '../e2e/support/browser.ts';
import { DIST_DIR } from '../e2e/support/tenpo-server.ts';
import { BENCH_RUNS, percentile } from './bench-runs.ts';
import { scaled, scaleNote } from './bench-scale.ts';
import { buildFloorBundle, countAppDocuments, openFloorPage } from './browser-bench.ts';
import type { FloorResult, TenpoBench } from './browser/floor-entry.ts';
import { timeCounterLookup } from './counter-lookup.ts';
import { enrolDevice } from './enrol-device.ts';
import { median, type BenchRow } from './report.ts';
import { benchMemberNo, seedShop } from './tablet-shop-seed.ts';

const SYNC_TIMEOUT_MS = 30 * 60_000;
const LOOKUPS_PER_RUN = 40;
const LOOKUP_WARM_UP = 3;

/**
 * Issue 8: a fresh tablet (the built PWA in headless Chromium) enrols and pulls
 * its shop — 100,000 home-shop members, 300,000 ledger entries, 20,000 stock
 * rows and their products, accounts and summaries — against the floor of
 * bulk-inserting the same documents into a fresh database of the app's schemas
 * and storage in the same browser with no network. On the synced tablet, the
 * counter lookup: scanner text to member card on screen, against RxDB findOne.
 */
export async function benchInitialSyncAndLookup(): Promise<{ rows: BenchRow[]; notes: string[] }> {
  if (!existsSync(join(DIST_DIR, 'index.html'))) throw new Error(`No built PWA in ${DIST_DIR}: run "npx vite build" first.`);
  const seed = { members: scaled(100_000), entries: scaled(300_000), stockRows: scaled(20_000) };
  const server = await startTenpo({
    port: 0,
    host: '127.0.0.1',
    dataDir: undefined,
    staticDir: DIST_DIR,
    demo: { members: 50 },
    dailyJob: false,
    logger: false,
    rateLimits: false,
  });
  const shop = server.enrolmentCodes[0];
  if (!shop) throw new Error('the demo chain has no shop');
  const seeding = performance.now();
  await seedShop(server.store, { shopId: shop.shopId, ...seed });
  const seededMs = performance.now() - seeding;
  const bundleDir = await buildFloorBundle();
  const browser = await launchChromium();
  const syncMs: number[] = [];
  const floorMs: number[] = [];
  const pullMs: number[] = [];
  const lookupP95: number[] = [];
  const findOneP95: number[] = [];
  let counts: Record<string, number> = {};
  try {
    for (let run = 0; run < BENCH_RUNS; run += 1) {
      const numbers = lookupNumbers(run, seed.members);
      const tablet = await syncFreshTablet(browser, server.url, shop.code, run);
      syncMs.push(tablet.ms);
      console.log(`  run ${run + 1}: synced in ${(tablet.ms / 1000).toFixed(1)} s: ${describeCounts(tablet.counts)}`);
      counts = tablet.counts;
      await signInClerk(tablet.page);
      lookupP95.push(percentile(await timeLookups(tablet.page, numbers), 95));
      await tablet.page.context().close();

      const device = await enrolDevice(server.url, shop.code, 'bench floor');
      const floor = await runFloor(browser, server.url, bundleDir, device.token, tablet.counts);
      floorMs.push(floor.result.ms);
      pullMs.push(floor.pullMs);
      findOneP95.push(percentile(floor.findOne, 95));
      console.log(`  run ${run + 1}: sync ${(tablet.ms / 1000).toFixed(1)} s, floor ${(floor.result.ms / 1000).toFixed(1)} s, pull alone ${(floor.pullMs / 1000).toFixed(1)} s, lookup p95 ${lookupP95.at(-1)?.toFixed(1)} ms, findOne p95 ${findOneP95.at(-1)?.toFixed(1)} ms`);
    }
  } finally {
    await browser.close();
    await server.close();
    await rm(bundleDir, { recursive: true, force: true });
  }
  const sync = median(syncMs) / 1000;
  const floor = median(floorMs) / 1000;
  const lookup = median(lookupP95);
  const sizes = `${seed.members.toLocaleString('en-US')} members + ${seed.entries.toLocaleString('en-US')} entries + ${seed.stockRows.toLocaleString('en-US')} stock rows`;
  return {
    rows: [
      {
        name: `initial sync of a fresh tablet, built PWA in headless Chromium: enrol → all collections synced (${sizes})${scaleNote()}`,
        value: sync,
        baselineName: 'bulkInsert of the same documents into a fresh RxDB (app schemas, Dexie), no network',
        baseline: floor,
        unit: 's',
        better: 'lower',
        runs: BENCH_RUNS,
        target: '≤ 1.3× the floor',
        met: sync <= 1.3 * floor,
      },
      {
        name: `counter lookup p95: scanner text "TNP1:<no>" handed to the counter (search submit) → member card in the DOM and its frame, ${seed.members.toLocaleString('en-US')} members on the tablet${scaleNote()}`,
        value: lookup,
        baselineName: 'RxDB findOne by memberNo, p95, same browser',
        baseline: median(findOneP95),
        unit: 'ms',
        better: 'lower',
        runs: BENCH_RUNS,
        target: '≤ 100 ms p95',
        met: lookup <= 100,
      },
    ],
    notes: [
      `Initial sync: the server (in-memory PGlite, demo chain of 50 members) was seeded by SQL with ${sizes} at ${shop.shopId} and ANALYZEd (as autovacuum would after a bulk load; PGlite has none) in ${(seededMs / 1000).toFixed(1)} s; every run enrols a fresh browser context and times from the enrol tap to the sync indicator's \`data-state="synced"\` (every collection's first pull done), then checks the IndexedDB record counts against a full pull. Documents on the tablet: ${describeCounts(counts)}. The floor page runs at the same origin with the app's own db module (bundled by Vite in production mode), bulkInsert in batches of 2,000 per collection, all collections at once as the replications do; runs: sync ${syncMs.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s, floor ${floorMs.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s; the same pull in the page with no local writes (one collection after another, sequential pages) ${pullMs.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s.`,
      `Counter lookup: on the synced tablet, signed in at the counter, ${LOOKUPS_PER_RUN} lookups of different members per run (after ${LOOKUP_WARM_UP} unmeasured ones): the member search field holds \`TNP1:<memberNo>\` — exactly what the camera callback (or a keyboard-wedge scanner) hands to the counter's onScan — and the time runs from the submit click to the animation frame after the member's number appears in the card (MutationObserver). Per-run p95: ${lookupP95.map((ms) => ms.toFixed(1)).join(', ')} ms; findOne p95 (floor database, ${seed.members.toLocaleString('en-US')} members): ${findOneP95.map((ms) => ms.toFixed(1)).join(', ')} ms. Not timed: the camera decoding the QR (html5-qrcode takes a few hundred ms per frame scan in these fake-camera runs).`,
    ],
  };
}

interface SyncedTablet {
  page: Page;
  ms: number;
  counts: Record<string, number>;
}

async function syncFreshTablet(browser: Browser, url: string, code: string, run: number): Promise<SyncedTablet> {
  const context = await browser.newContext({ locale: 'ja-JP' });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[tablet page error] ${error.message}`));
  // The sync engine warns about replication errors no handler saw (a refused local write): a run must show them.
  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error') console.error(`[tablet ${message.type()}] ${message.text()}`);
  });
  await page.goto(url);
  await page.getByTestId('enrol-code').fill(code);
  await page.getByTestId('enrol-device-name').fill(`bench tablet ${run + 1}`);
  const started = performance.now();
  await page.getByTestId('enrol-submit').click();
  await page.locator('[data-testid="sync-status"][data-state="synced"]').waitFor({ timeout: SYNC_TIMEOUT_MS });
  const ms = performance.now() - started;
  return { page, ms, counts: await countAppDocuments(page) };
}

async function signInClerk(page: Page): Promise<void> {
  await page.locator('[data-testid="staff-option"][data-role="clerk"]').first().click({ timeout: 60_000 });
  for (const digit of DEMO_CLERK_PIN) await page.getByTestId('sign-in-screen').getByTestId(`pin-key-${digit}`).click();
  await page.getByTestId('sign-in-screen').getByTestId('pin-ok').click();
  await page.getByTestId('member-search').waitFor({ timeout: 60_000 });
}

async function timeLookups(page: Page, numbers: readonly string[]): Promise<number[]> {
  const times: number[] = [];
  for (const [i, memberNo] of numbers.entries()) {
    const ms = await timeCounterLookup(page, memberNo);
    if (i >= LOOKUP_WARM_UP) times.push(ms);
  }
  return times;
}

/** Different members in every run, spread over the whole range. */
function lookupNumbers(run: number, members: number): string[] {
  const count = LOOKUPS_PER_RUN + LOOKUP_WARM_UP;
  return Array.from({ length: count }, (_, i) => benchMemberNo((i * 7919 + run * 104_729) % members));
}

async function runFloor(browser: Browser, url: string, bundleDir: string, token: string, tabletCounts: Record<string, number>) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await openFloorPage(context, url, bundleDir);
    const pulling = performance.now();
    const pulled = await page.evaluate((t) => (window as unknown as { tenpoBench: TenpoBench }).tenpoBench.pullAll(t), token);
    const pullMs = performance.now() - pulling;
    for (const [name, count] of Object.entries(pulled)) {
      if ((tabletCounts[name] ?? 0) !== count) throw new Error(`the tablet holds ${tabletCounts[name] ?? 0} ${name}, the server has ${count}: "synced" came early`);
    }
    const result: FloorResult = await page.evaluate(() => (window as unknown as { tenpoBench: TenpoBench }).tenpoBench.insertAll());
    const numbers = Array.from({ length: LOOKUPS_PER_RUN }, (_, i) => benchMemberNo((i * 7919) % Math.max(1, result.counts.members ?? 1)));
    const findOne = await page.evaluate((nos) => (window as unknown as { tenpoBench: TenpoBench }).tenpoBench.findByMemberNo(nos), numbers);
    await page.evaluate(() => (window as unknown as { tenpoBench: TenpoBench }).tenpoBench.close());
    return { result, findOne, pullMs };
  } finally {
    await context.close();
  }
}

function describeCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, count]) => `${name} ${count.toLocaleString('en-US')}`)
    .join(', ');
}
