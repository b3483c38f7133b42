import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeEarn, jstDate, type Campaign } from '../../src/domain/ledger/index.ts';
import { DEFAULT_POINTS_POLICY, type PointsPolicy } from '../../src/protocol/index.ts';
import { FIRST_MEMBER_NO } from '../../server/demo/generate.ts';
import { setPointsPolicy } from '../../server/services/settings.ts';
import { launchChromium } from './support/browser.ts';
import { startTestServer, type TestServer } from './support/tenpo-server.ts';
import { FIRST_SYNC_MS, LIVENESS_MS, enrol, findMember, openTablet, unsentCount, waitForState, type Tablet } from './support/tablet.ts';

const MEMBER_NO = String(FIRST_MEMBER_NO + 2);
const CAMPAIGN = 'e2e-double-day';

/** HQ's campaign reaches the tablet through the settings collection; the earn applies it and records which rule did. */
describe('a campaign set at HQ applies at the counter', () => {
  let server: TestServer;
  let browser: Browser;
  let tablet: Tablet;
  let policy: PointsPolicy;
  let campaign: Campaign;

  beforeAll(async () => {
    server = await startTestServer(50);
    const today = jstDate(new Date().toISOString());
    campaign = { id: CAMPAIGN, multiplier: 2, from: today, to: today, channel: 'both' };
    policy = { ...DEFAULT_POINTS_POLICY, campaigns: [{ id: CAMPAIGN, name: 'ポイント2倍デー', multiplier: 2, from: today, to: today, channel: 'both' }] };
    // Before the tablet enrols, so its first pull of `settings` carries the campaign.
    await setPointsPolicy(server.store, policy);
    browser = await launchChromium();
    tablet = await openTablet(await browser.newContext({ locale: 'ja-JP', serviceWorkers: 'block' }), server.url);
    await enrol(tablet, server.enrolmentCode, 'レジ1');
    await findMember(tablet, MEMBER_NO, MEMBER_NO, FIRST_SYNC_MS);
    await waitForState(tablet, 'synced', FIRST_SYNC_MS);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('previews and posts the campaign points, and the entry records the campaign and rule', async () => {
    const { rows } = await server.store.query<{ id: string; rank: string | null }>(
      'select m.id, a.rank from members m left join point_accounts a on a.member_id = m.id where m.member_no = $1',
      [MEMBER_NO],
    );
    const member = rows[0];
    if (!member) throw new Error(`demo member ${MEMBER_NO} is missing`);
    const rank = policy.ranks.find((tier) => tier.id === (member.rank ?? 'regular'));
    if (!rank) throw new Error(`unknown rank ${member.rank}`);
    const expected = computeEarn({
      amountYen: 4_980,
      yenPerPoint: policy.yenPerPoint,
      rank,
      campaigns: [campaign],
      channel: 'store',
      shopId: server.enrolmentCodes[0]?.shopId ?? '',
      at: new Date().toISOString(),
    });
    expect(expected.campaignId).toBe(CAMPAIGN);

    await tablet.page.getByTestId('earn-amount').fill('4980');
    await expect.poll(() => tablet.page.getByTestId('earn-preview').getAttribute('data-campaign'), { timeout: LIVENESS_MS }).toBe(CAMPAIGN);
    await tablet.page.getByTestId('earn-submit').click();

    // Wait on the server's copy itself: the tablet's unsent count reads 0 both
    // before the earn is written locally and after it is acknowledged.
    const postedEarns = async () =>
      (
        await server.store.query<{ points: number; campaign_id: string | null; rule: string | null }>(
          `select points, campaign_id, rule from point_entries where member_id = $1 and type = 'earn' and amount_yen = 4980`,
          [member.id],
        )
      ).rows;
    await expect.poll(postedEarns, { timeout: LIVENESS_MS }).toEqual([{ points: expected.points, campaign_id: CAMPAIGN, rule: expected.rule }]);
    await expect.poll(() => unsentCount(tablet), { timeout: LIVENESS_MS }).toBe(0);
  });
});
