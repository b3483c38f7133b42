import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeEarn, jstDate } from '../../src/domain/ledger/index.ts';
import { campaignsOf } from '../../src/domain/points.ts';
import { periodCloseSchema } from '../../src/protocol/index.ts';
import { FIRST_MEMBER_NO } from '../../server/demo/generate.ts';
import { pointsPolicy } from '../../server/services/settings.ts';
import { launchChromium } from './support/browser.ts';
import { startTestServer, type TestServer } from './support/tenpo-server.ts';
import { FIRST_SYNC_MS, LIVENESS_MS, enrol, findMember, openTablet, unsentCount, waitForState, type Tablet } from './support/tablet.ts';

const MEMBER_NO = String(FIRST_MEMBER_NO + 3);
const CAMPAIGN_NAME = '雨の日ポイント2倍';
const AMOUNT_YEN = 6_480;

/**
 * Issue 10: HQ turns a campaign on in #/hq/campaigns; a tablet that is
 * online gets it with one sync of `settings` (no reload, no re-enrolment),
 * goes offline, earns under it, and the entry it posts on reconnecting
 * records the campaign. Then #/hq/closes closes last month and downloads its CSV.
 */
describe('HQ campaigns and month-end screens', () => {
  let server: TestServer;
  let browser: Browser;
  let tablet: Tablet;
  let hq: Page;
  let shopId: string;

  const openHq = async (hash: string, askKey: boolean) => {
    await hq.goto(`${server.url}/${hash}`);
    // The key lives in the tab's session storage: typed on the first HQ screen only.
    if (askKey) {
      await hq.getByLabel('APIキー').fill(server.apiKey);
      await hq.getByRole('button', { name: '開く' }).click();
    }
  };

  beforeAll(async () => {
    server = await startTestServer(50);
    shopId = server.enrolmentCodes[0]?.shopId ?? '';
    browser = await launchChromium();
    tablet = await openTablet(await browser.newContext({ locale: 'ja-JP', serviceWorkers: 'block' }), server.url);
    await enrol(tablet, server.enrolmentCode, 'レジ1');
    await findMember(tablet, MEMBER_NO, MEMBER_NO, FIRST_SYNC_MS);
    await waitForState(tablet, 'synced', FIRST_SYNC_MS);
    hq = await (await browser.newContext({ locale: 'ja-JP', serviceWorkers: 'block', acceptDownloads: true, viewport: { width: 1400, height: 900 } })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a campaign created at HQ applies on an offline tablet after one sync, and the entry records it', async () => {
    // Before the campaign: the tablet previews plain points.
    await tablet.page.getByTestId('earn-amount').fill(String(AMOUNT_YEN));
    await expect.poll(() => tablet.page.getByTestId('earn-preview').getAttribute('data-points'), { timeout: LIVENESS_MS }).not.toBeNull();
    expect(await tablet.page.getByTestId('earn-preview').getAttribute('data-campaign')).toBeNull();

    await openHq('#/hq/campaigns', true);
    await hq.getByTestId('campaign-new').click();
    await hq.getByTestId('campaign-name').fill(CAMPAIGN_NAME);
    await hq.getByTestId('campaign-multiplier').fill('2');
    await hq.locator(`[data-testid="campaign-shop"][value="${shopId}"]`).check();
    await hq.getByTestId('campaign-save').click();
    const row = hq.getByTestId('campaign-row');
    await row.waitFor({ timeout: LIVENESS_MS });
    expect(await row.getAttribute('data-state')).toBe('running');
    const campaignId = await row.getAttribute('data-campaign-id');
    if (!campaignId) throw new Error('the campaign row has no id');

    // One sync: the settings stream brings the campaign to the open counter.
    const preview = tablet.page.getByTestId('earn-preview');
    await expect.poll(() => preview.getAttribute('data-campaign'), { timeout: LIVENESS_MS }).toBe(campaignId);
    expect(await preview.textContent()).toContain(CAMPAIGN_NAME);

    await tablet.context.setOffline(true);
    await waitForState(tablet, 'offline');
    await tablet.page.getByTestId('earn-amount').fill('');
    await tablet.page.getByTestId('earn-amount').fill(String(AMOUNT_YEN));
    await expect.poll(() => preview.getAttribute('data-campaign'), { timeout: LIVENESS_MS }).toBe(campaignId);
    const shownPoints = Number(await preview.getAttribute('data-points'));
    await tablet.page.getByTestId('earn-submit').click();
    // Written on the tablet while offline: pending, not on the server.
    await expect.poll(() => unsentCount(tablet), { timeout: LIVENESS_MS }).toBe(1);

    // What the rules give this member at this shop today under the policy HQ wrote.
    const policy = await pointsPolicy(server.store);
    expect(policy.campaigns).toEqual([{ id: campaignId, name: CAMPAIGN_NAME, multiplier: 2, from: jstDate(new Date().toISOString()), to: jstDate(new Date().toISOString()), channel: 'both', shopIds: [shopId] }]);
    const { rows } = await server.store.query<{ id: string; rank: string | null }>(
      'select m.id, a.rank from members m left join point_accounts a on a.member_id = m.id where m.member_no = $1',
      [MEMBER_NO],
    );
    const member = rows[0];
    if (!member) throw new Error(`demo member ${MEMBER_NO} is missing`);
    const rank = policy.ranks.find((tier) => tier.id === (member.rank ?? 'regular'));
    if (!rank) throw new Error(`unknown rank ${member.rank}`);
    const expected = computeEarn({ amountYen: AMOUNT_YEN, yenPerPoint: policy.yenPerPoint, rank, campaigns: campaignsOf(policy), channel: 'store', shopId, at: new Date().toISOString() });
    expect(expected.campaignId).toBe(campaignId);
    expect(shownPoints).toBe(expected.points);

    await tablet.context.setOffline(false);
    const posted = async () =>
      (
        await server.store.query<{ points: number; campaign_id: string | null }>(
          `select points, campaign_id from point_entries where member_id = $1 and type = 'earn' and amount_yen = $2`,
          [member.id, AMOUNT_YEN],
        )
      ).rows;
    await expect.poll(posted, { timeout: FIRST_SYNC_MS }).toEqual([{ points: expected.points, campaign_id: campaignId }]);
    await expect.poll(() => unsentCount(tablet), { timeout: LIVENESS_MS }).toBe(0);

    // Ending it at HQ: the tablet stops applying it with its next sync.
    await row.getByTestId('campaign-end').click();
    await row.getByTestId('campaign-end-confirm').click();
    await hq.getByTestId('campaigns-empty').waitFor({ timeout: LIVENESS_MS });
    await tablet.page.getByTestId('earn-amount').fill('1000');
    await expect.poll(() => preview.getAttribute('data-campaign'), { timeout: LIVENESS_MS }).toBeNull();
  });

  it('#/hq/closes closes last month after a confirmation, shows its snapshot and downloads its CSV', async () => {
    await openHq('#/hq/closes', false);
    const month = await hq.getByTestId('close-month').inputValue();
    expect(month).toMatch(/^\d{4}-\d{2}$/);
    await hq.getByTestId('close-show').click();
    await hq.getByTestId('close-not-closed').waitFor({ timeout: LIVENESS_MS });
    await hq.getByTestId('close-run').click();
    // Nothing is closed before the confirmation.
    expect((await server.store.query('select 1 from period_closes')).rows).toHaveLength(0);
    await hq.getByTestId('close-confirm').click();
    await hq.locator(`[data-testid="close-table"][data-month="${month}"]`).waitFor({ timeout: LIVENESS_MS });

    const close = periodCloseSchema.parse(await server.api(`/api/v1/closes/${month}`));
    const table = await hq.getByTestId('close-table').textContent();
    expect(table).toContain(close.snapshot.outstanding.points.toLocaleString('ja'));
    expect(table).toContain(close.snapshot.movement.earned.toLocaleString('ja'));

    const [download] = await Promise.all([hq.waitForEvent('download'), hq.getByTestId('close-csv').click()]);
    expect(download.suggestedFilename()).toBe(`tenpo-close-${month}.csv`);
    const file = await download.path();
    const served = await fetch(`${server.url}/api/v1/closes/${month}.csv`, { headers: { authorization: `Bearer ${server.apiKey}` } });
    expect(await readFile(file, 'utf8')).toBe(await served.text());
  });
});
