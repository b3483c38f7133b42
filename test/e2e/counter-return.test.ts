import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_MEMBER_NO } from '../../server/demo/generate.ts';
import { launchChromium } from './support/browser.ts';
import { startTestServer, type TestServer } from './support/tenpo-server.ts';
import { FIRST_SYNC_MS, LIVENESS_MS, enrol, findMember, openTablet, unsentCount, waitForState, type Tablet } from './support/tablet.ts';

const MEMBER_NO = String(FIRST_MEMBER_NO + 1);
const RECEIPT = 'R-E2E-RETURN';

/** 返品 at the counter: the points the returned goods earned are taken back, never more than were earned. */
describe('a clerk records returns against a purchase', () => {
  let server: TestServer;
  let browser: Browser;
  let tablet: Tablet;

  const earnRow = () => tablet.page.locator('[data-testid="entry-row"][data-type="earn"]').filter({ hasText: RECEIPT });
  const returnRows = () => tablet.page.locator('[data-testid="entry-row"][data-type="reversal"]').filter({ hasText: RECEIPT });

  async function reversalsOnServer(): Promise<{ points: number; amount_yen: number; ref: string }[]> {
    const { rows } = await server.store.query<{ points: number; amount_yen: number; ref: string }>(
      `select r.points, r.amount_yen, r.ref
         from point_entries r join point_entries e on e.id = r.reverses
        where e.ref = $1 and r.type = 'reversal' and r.reverses_type = 'earn'
        order by r.posting_no`,
      [RECEIPT],
    );
    return rows;
  }

  beforeAll(async () => {
    server = await startTestServer(100);
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

  it('takes back a partial return’s share, refuses returning more than was bought, then takes back the rest', async () => {
    const { page } = tablet;
    await page.getByTestId('earn-amount').fill('3280');
    await page.getByTestId('earn-ref').fill(RECEIPT);
    const earned = Number(await page.getByTestId('earn-preview').getAttribute('data-points'));
    await page.getByTestId('earn-submit').click();
    await expect.poll(() => earnRow().count(), { timeout: LIVENESS_MS }).toBe(1);

    // Partial: 1,000 of 3,280 yen back.
    await earnRow().getByTestId('entry-return').click();
    await page.getByTestId('return-amount').fill('1000');
    const firstBack = Number(await page.getByTestId('return-preview').getAttribute('data-points'));
    expect(firstBack).toBe(earned - Math.floor((earned * 2_280) / 3_280));
    await page.getByTestId('return-submit').click();
    await expect.poll(() => returnRows().count(), { timeout: LIVENESS_MS }).toBe(1);

    // More than is left: refused, nothing written.
    await earnRow().getByTestId('entry-return').click();
    await page.getByTestId('return-amount').fill('2281');
    await page.getByTestId('return-submit').click();
    await expect.poll(() => page.getByTestId('counter-message').getAttribute('data-tone'), { timeout: LIVENESS_MS }).toBe('error');
    expect(await returnRows().count()).toBe(1);

    // The rest (blank amount = all not returned yet).
    await page.getByTestId('return-amount').fill('');
    expect(Number(await page.getByTestId('return-preview').getAttribute('data-points'))).toBe(earned - firstBack);
    await page.getByTestId('return-submit').click();
    await expect.poll(() => returnRows().count(), { timeout: LIVENESS_MS }).toBe(2);
    // Fully returned: no further return offered.
    await expect.poll(() => earnRow().getByTestId('entry-return').count(), { timeout: LIVENESS_MS }).toBe(0);

    await expect.poll(reversalsOnServer, { timeout: LIVENESS_MS }).toEqual([
      { points: firstBack, amount_yen: 1_000, ref: RECEIPT },
      { points: earned - firstBack, amount_yen: 2_280, ref: RECEIPT },
    ]);
    await expect.poll(() => unsentCount(tablet), { timeout: LIVENESS_MS }).toBe(0);
  });
});
