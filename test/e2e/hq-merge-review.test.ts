import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidateListSchema, type IdentityCandidate } from '../../src/protocol/index.ts';
import { DEMO_HQ_PIN, DEMO_HQ_STAFF_ID } from '../../server/demo/staff.ts';
import { launchChromium } from './support/browser.ts';
import { startTestServer, type TestServer } from './support/tenpo-server.ts';

/** HQ reviews a demo duplicate pair on #/hq/merges: both records side by side, merge, then undo. */
describe('HQ merge review', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let pair: IdentityCandidate;

  const mergedInto = async (memberNo: string): Promise<string | null> =>
    (await server.store.query<{ merged_into: string | null }>('select merged_into from members where member_no = $1', [memberNo])).rows[0]?.merged_into ?? null;

  beforeAll(async () => {
    // Enough demo members for its deliberate duplicates to reach the review band.
    server = await startTestServer(2000);
    const [first] = candidateListSchema.parse(await server.api('/api/v1/identity/candidates?band=review')).candidates;
    if (!first) throw new Error('the demo has no review-band pair');
    pair = first;
    browser = await launchChromium();
    page = await (await browser.newContext({ locale: 'ja-JP', serviceWorkers: 'block', viewport: { width: 1400, height: 900 } })).newPage();
    await page.goto(`${server.url}/#/hq/merges`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the pair with its reasons, merges into the chosen survivor, and undoes it', async () => {
    await page.getByLabel('APIキー').fill(server.apiKey);
    await page.getByRole('button', { name: '開く' }).click();

    const card = page.locator('article.merge-card').filter({ hasText: pair.b.memberNo });
    await expect.poll(() => card.count(), { timeout: 30_000 }).toBe(1);
    const text = (await card.textContent()) ?? '';
    for (const shown of [pair.a.memberNo, pair.a.nameKana, pair.b.nameKana, pair.b.name, 'フリガナが同じ', '生年月日が同じ']) expect(text).toContain(shown);

    // Keep the newer record this time: the choice is HQ's. Without an approval the server refuses.
    await card.getByRole('radio').nth(1).check();
    await card.getByRole('button', { name: `${pair.b.memberNo} に統合` }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 30_000 }).toBeTruthy();
    expect(await mergedInto(pair.a.memberNo)).toBeNull();
    await page.getByTestId('merge-approver-id').fill(DEMO_HQ_STAFF_ID);
    await page.getByTestId('merge-approver-pin').fill(DEMO_HQ_PIN);
    await card.getByRole('button', { name: `${pair.b.memberNo} に統合` }).click();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 30_000 }).toBe(`${pair.a.memberNo} を ${pair.b.memberNo} に統合しました。`);
    expect(await mergedInto(pair.a.memberNo)).toBe(pair.b.memberId);
    await expect.poll(() => card.count()).toBe(0);

    const recent = page.locator('.merge-history__item').filter({ hasText: `${pair.a.memberNo} → ${pair.b.memberNo}` });
    await recent.getByRole('button', { name: '取り消す' }).click();
    await expect.poll(() => recent.getByText('取消済み').count(), { timeout: 30_000 }).toBe(1);
    expect(await mergedInto(pair.a.memberNo)).toBeNull();
    // Undone means "not the same person": the pair does not come back to the queue.
    await expect.poll(() => page.locator('article.merge-card').filter({ hasText: pair.b.memberNo }).count()).toBe(0);
    // Both recorded with the approver.
    const { rows } = await server.store.query<{ action: string; approved_by: string }>(
      "select action, approved_by from audit_events where action in ('merge', 'merge-undo') order by seq",
    );
    expect(rows).toEqual([
      { action: 'merge', approved_by: DEMO_HQ_STAFF_ID },
      { action: 'merge-undo', approved_by: DEMO_HQ_STAFF_ID },
    ]);
  });
});
