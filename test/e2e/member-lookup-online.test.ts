import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberLookupMessagesJa } from '../../src/features/counter/member-lookup-messages.ts';
import { launchChromium } from './support/browser.ts';
import { startTestServer, type TestServer } from './support/tenpo-server.ts';
import { FIRST_SYNC_MS, LIVENESS_MS, enrol, findMember, openTablet, waitForState, type Tablet } from './support/tablet.ts';

/**
 * Issue 6, minimal data on the device: the tablet holds its shop's members
 * only. A member of another shop typed at the counter is looked up online and
 * shown; offline the counter still finds them; a member never looked up is
 * "not on this tablet; connect to search all members".
 */
describe('counter: a member of another shop is found online, and again offline', () => {
  let server: TestServer;
  let browser: Browser;
  let tablet: Tablet;
  let strangers: string[];

  beforeAll(async () => {
    server = await startTestServer(100);
    const shop = server.enrolmentCodes.find((c) => c.code === server.enrolmentCode)?.shopId ?? '';
    // Demo members outside this shop's scope: another home shop, not seen here within the window.
    const { rows } = await server.store.query<{ member_no: string }>(
      `select member_no from members m
        where home_shop_id <> $1 and not deleted and merged_into is null
          and not exists (select 1 from member_presence p
                           where p.member_id = m.id and p.shop_id = $1 and p.last_seen_at >= tenpo_member_window_start())
        order by member_no limit 2`,
      [shop],
    );
    strangers = rows.map((r) => r.member_no);
    browser = await launchChromium();
    tablet = await openTablet(await browser.newContext({ locale: 'ja-JP', serviceWorkers: 'block' }), server.url);
    await enrol(tablet, server.enrolmentCode, 'レジ1');
    await waitForState(tablet, 'synced', FIRST_SYNC_MS);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const search = async (text: string) => {
    await tablet.page.getByTestId('member-search').fill(text);
    await tablet.page.getByTestId('member-search-submit').click();
  };
  const messageText = () => tablet.page.getByTestId('counter-message').textContent();

  it('offline, a member of another shop is "not on this tablet; connect to search"', async () => {
    expect(strangers).toHaveLength(2);
    await tablet.context.setOffline(true);
    // The search box says so before anything is typed.
    await tablet.page.getByTestId('member-search-offline').waitFor({ timeout: LIVENESS_MS });
    await search(strangers[0] ?? '');
    await expect.poll(messageText, { timeout: LIVENESS_MS }).toBe(memberLookupMessagesJa.notOnTablet);
    expect(await tablet.page.getByTestId('member-no').count()).toBe(0);
  });

  it('online, the same search finds them on the server and shows them', async () => {
    await tablet.context.setOffline(false);
    await findMember(tablet, strangers[0] ?? '', strangers[0] ?? '');
    await expect.poll(() => tablet.page.getByTestId('member-search-offline').count(), { timeout: LIVENESS_MS }).toBe(0);
  });

  it('offline again, the counter still finds them; someone never looked up is still "connect to search"', async () => {
    await tablet.context.setOffline(true);
    await search(strangers[1] ?? '');
    await expect.poll(messageText, { timeout: LIVENESS_MS }).toBe(memberLookupMessagesJa.notOnTablet);
    await findMember(tablet, strangers[0] ?? '', strangers[0] ?? '');
  });
});
