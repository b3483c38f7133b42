import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BonusRuleList } from '../../src/protocol/index.ts';
import { launchChromium } from './support/browser.ts';
import { LIVENESS_MS } from './support/tablet.ts';
import { startTestServer, type TestServer } from './support/tenpo-server.ts';

const RULE_NAME = 'EC初回ボーナス';

/** Issue 10: #/hq/campaigns lists the bonus rules; HQ adds, changes and removes the first-EC-purchase bonus there. */
describe('HQ bonus rules section', () => {
  let server: TestServer;
  let browser: Browser;
  let hq: Page;

  beforeAll(async () => {
    server = await startTestServer(50);
    browser = await launchChromium();
    hq = await (await browser.newContext({ locale: 'ja-JP', serviceWorkers: 'block', viewport: { width: 1400, height: 900 } })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const stored = async () => (await server.api<BonusRuleList>('/api/v1/bonus-rules')).bonusRules;

  it('adds, changes and removes a bonus rule, and the server holds what the screen shows', async () => {
    await hq.goto(`${server.url}/#/hq/campaigns`);
    await hq.getByLabel('APIキー').fill(server.apiKey);
    await hq.getByRole('button', { name: '開く' }).click();
    await hq.getByTestId('bonus-rules-empty').waitFor({ timeout: LIVENESS_MS });

    await hq.getByTestId('bonus-rule-new').click();
    await hq.getByTestId('bonus-rule-name').fill(RULE_NAME);
    await hq.getByTestId('bonus-rule-points').fill('300');
    await hq.getByTestId('bonus-rule-save').click();
    const row = hq.getByTestId('bonus-rule-row');
    await row.waitFor({ timeout: LIVENESS_MS });
    expect(await row.getAttribute('data-state')).toBe('running');
    await expect.poll(stored, { timeout: LIVENESS_MS }).toEqual([expect.objectContaining({ name: RULE_NAME, kind: 'first-ec-purchase', points: 300 })]);

    await hq.getByTestId('bonus-rule-edit').click();
    await hq.getByTestId('bonus-rule-points').fill('800');
    await hq.getByTestId('bonus-rule-save').click();
    await expect.poll(() => row.textContent(), { timeout: LIVENESS_MS }).toContain('800 pt');
    expect((await stored()).map((rule) => rule.points)).toEqual([800]);

    await hq.getByTestId('bonus-rule-remove').click();
    await hq.getByTestId('bonus-rule-remove-confirm').click();
    await hq.getByTestId('bonus-rules-empty').waitFor({ timeout: LIVENESS_MS });
    expect(await stored()).toEqual([]);
  });
});
