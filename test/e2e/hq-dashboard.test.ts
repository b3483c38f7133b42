import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HQ_SESSION_TOKEN_PREFIX, kpiReportSchema, type KpiReport } from '../../src/protocol/index.ts';
import { DEMO_HQ_PIN, DEMO_HQ_STAFF_ID } from '../../server/demo/staff.ts';
import { launchChromium } from './support/browser.ts';
import { startTestServer, type TestServer } from './support/tenpo-server.ts';
import { LIVENESS_MS } from './support/tablet.ts';

const CHART_COUNT = 6;

/** #/hq/dashboard on the demo chain: the tiles say what GET /api/v1/kpis says, every chart draws, and nothing goes wrong on the page. */
describe('HQ dashboard', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    server = await startTestServer(50);
    browser = await launchChromium();
    const context = await browser.newContext({ locale: 'ja-JP', serviceWorkers: 'block', viewport: { width: 1400, height: 1000 } });
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    await page.goto(`${server.url}/#/hq/dashboard`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** The figures the page asked for, asked again of the API directly. */
  const answerTo = async (action: () => Promise<unknown>): Promise<{ url: URL; report: KpiReport }> => {
    const [response] = await Promise.all([page.waitForResponse((r) => r.url().includes('/api/v1/kpis?') && r.ok(), { timeout: LIVENESS_MS }), action()]);
    const url = new URL(response.url());
    return { url, report: kpiReportSchema.parse(await server.api(`${url.pathname}${url.search}`)) };
  };
  const tileValues = () =>
    page.evaluate(() => {
      const values: Record<string, string | null> = {};
      for (const tile of document.querySelectorAll('[data-testid^="kpi-tile-"]')) values[tile.getAttribute('data-testid') ?? ''] = tile.getAttribute('data-value');
      return values;
    });
  const expectedTiles = (report: KpiReport) => {
    const t = report.totals;
    return {
      'kpi-tile-activeMembers': String(t.activeMembers),
      'kpi-tile-newMembers': String(t.newMembers.store + t.newMembers.ec),
      'kpi-tile-pointsEarned': String(t.pointsEarned),
      'kpi-tile-pointsRedeemed': String(t.pointsRedeemed),
      'kpi-tile-pointsExpired': String(t.pointsExpired),
      'kpi-tile-redemptionRate': t.redemptionRate === null ? '' : String(t.redemptionRate),
      'kpi-tile-liability': String(t.liability),
      'kpi-tile-crossChannelMembers': String(t.crossChannelMembers),
    };
  };

  /** The tab's credential, as hq-api.ts keeps it. */
  const storedCredential = () => page.evaluate(() => sessionStorage.getItem('tenpo.hq.apiKey') ?? '');

  it('HQ signs in with a staff id and PIN; the tiles equal the API, six charts drawn on canvas', async () => {
    // Issue 10: head office staff sign in as themselves, not with the shared API key.
    const { url, report } = await answerTo(async () => {
      await page.getByTestId('hq-sign-in-staff-id').fill(DEMO_HQ_STAFF_ID);
      await page.getByTestId('hq-sign-in-pin').fill(DEMO_HQ_PIN);
      await page.getByTestId('hq-sign-in-submit').click();
    });
    expect(await storedCredential()).toMatch(new RegExp(`^${HQ_SESSION_TOKEN_PREFIX}`));
    // The default period: a year of JST days ending today.
    const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
    expect(url.searchParams.get('to')).toBe(today);
    expect(report.granularity).toBe('month');
    expect(report.totals.pointsEarned).toBeGreaterThan(0);
    await expect.poll(tileValues, { timeout: LIVENESS_MS }).toEqual(expectedTiles(report));

    const charts = page.getByTestId('kpi-chart');
    await expect.poll(() => charts.count(), { timeout: LIVENESS_MS }).toBe(CHART_COUNT);
    // Each chart has its points and a canvas uPlot has painted (some pixel is not transparent).
    const drawn = async () =>
      page.evaluate(() =>
        [...document.querySelectorAll('[data-testid="kpi-chart"]')].map((chart) => {
          const canvas = chart.querySelector('canvas');
          const context = canvas?.getContext('2d');
          if (!canvas || !context || canvas.width === 0) return { points: chart.getAttribute('data-points'), painted: false };
          const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
          let painted = false;
          for (let i = 3; i < pixels.length && !painted; i += 4) painted = (pixels[i] ?? 0) > 0;
          return { points: chart.getAttribute('data-points'), painted };
        }),
      );
    await expect.poll(async () => (await drawn()).every((c) => Number(c.points) > 0 && c.painted), { timeout: LIVENESS_MS }).toBe(true);
    expect(await page.getByText('ポイントの付与・利用・失効').count()).toBe(1);
  });

  it('a channel filter asks again and shows the narrower figures', async () => {
    const { url, report } = await answerTo(() => page.getByTestId('kpi-channel').selectOption('ec'));
    expect(url.searchParams.get('channel')).toBe('ec');
    await expect.poll(tileValues, { timeout: LIVENESS_MS }).toEqual(expectedTiles(report));
  });

  it('signing out ends the session on the server and shows the sign-in again', async () => {
    const token = await storedCredential();
    const bearer = { headers: { authorization: `Bearer ${token}` } };
    expect((await fetch(`${server.url}/api/v1/devices`, bearer)).status).toBe(200);
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/hq-sessions/current') && r.status() === 204, { timeout: LIVENESS_MS }),
      page.getByRole('button', { name: 'サインアウト' }).click(),
    ]);
    await page.getByTestId('hq-sign-in').waitFor({ timeout: LIVENESS_MS });
    expect(await storedCredential()).toBe('');
    expect((await fetch(`${server.url}/api/v1/devices`, bearer)).status).toBe(401);
  });

  it('had no page error and no console error', () => {
    expect(problems).toEqual([]);
  });
});
