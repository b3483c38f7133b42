import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paperCardEntryId, paperCardNo } from '../../src/domain/paper-card.ts';
import { FIRST_MEMBER_NO } from '../../server/demo/generate.ts';
import { DEMO_MANAGER_PIN } from '../../server/demo/manager-pin.ts';
import { launchChromium } from './support/browser.ts';
import { startTestServer, type TestServer } from './support/tenpo-server.ts';
import { FIRST_SYNC_MS, LIVENESS_MS, enrol, expectTotal, findMember, openTablet, waitForState, type Tablet, enterPin } from './support/tablet.ts';

const MEMBER_A = String(FIRST_MEMBER_NO);
const MEMBER_B = String(FIRST_MEMBER_NO + 1);
/** The paper card both clerks are handed (a customer who tried twice, or two cards mixed up). */
const CARD = paperCardNo(4_242);
/** Printed the way the card shows it, typed with full-width digits on B. */
const CARD_TYPED_ON_B = `${CARD.slice(0, 2)}-${CARD.slice(2, 6)}-${CARD.slice(6)}`.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));

describe('two offline tablets migrate the same paper card: exactly one migration is posted', () => {
  let server: TestServer;
  let browser: Browser;
  let tabletA: Tablet;
  let tabletB: Tablet;

  const postedBalance = async (memberNo: string) => (await server.api<{ balance: number }>(`/api/v1/members/${memberNo}/points`)).balance;
  const memberId = async (memberNo: string) =>
    (await server.store.query<{ id: string }>('select id from members where member_no = $1', [memberNo])).rows[0]?.id;

  async function gotoRoute(tablet: Tablet, route: string): Promise<void> {
    // A hash change, not a load: the tablets are offline and stay on the page.
    await tablet.page.evaluate((hash) => {
      window.location.hash = hash;
    }, `#/${route}`);
  }

  /** The wizard, as a clerk goes through it. */
  async function migrate(tablet: Tablet, memberNo: string, cardTyped: string, points: number): Promise<void> {
    const { page } = tablet;
    await gotoRoute(tablet, 'migrate');
    await page.getByTestId('migrate-member-query').fill(memberNo);
    await page.getByTestId('migrate-member-submit').click();
    await page.locator(`[data-testid="migrate-member-option"][data-member-no="${memberNo}"]`).click();
    await page.getByTestId('migrate-card-no').fill(cardTyped);
    await page.getByTestId('migrate-card-next').click();
    await page.getByTestId('migrate-points').fill(String(points));
    await page.getByTestId('migrate-points-next').click();
    await page.getByTestId('migrate-photo-skip').click();
    await expect.poll(() => page.getByTestId('migrate-confirm-card').textContent()).toBe(CARD);
  }

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    const [shopA, shopB] = server.enrolmentCodes;
    if (!shopA || !shopB) throw new Error('the demo chain needs two shops');
    tabletA = await openTablet(await browser.newContext({ locale: 'ja-JP' }), server.url);
    tabletB = await openTablet(await browser.newContext({ locale: 'ja-JP' }), server.url);
    await enrol(tabletA, shopA.code, 'A店レジ');
    await enrol(tabletB, shopB.code, 'B店レジ');
    // Both tablets hold the chain's members before the network goes.
    await findMember(tabletA, MEMBER_A, MEMBER_A, FIRST_SYNC_MS);
    await findMember(tabletB, MEMBER_B, MEMBER_B, FIRST_SYNC_MS);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('posts the first to reach the server, refuses the other at sync and tells its clerk', async () => {
    const [idA, idB] = [await memberId(MEMBER_A), await memberId(MEMBER_B)];
    const [beforeA, beforeB] = [await postedBalance(MEMBER_A), await postedBalance(MEMBER_B)];

    for (const tablet of [tabletA, tabletB]) {
      await tablet.context.setOffline(true);
      await waitForState(tablet, 'offline');
    }

    // Tablet A: 1,200 points, under the approval threshold.
    await migrate(tabletA, MEMBER_A, CARD, 1_200);
    await tabletA.page.getByTestId('migrate-confirm').click();
    await tabletA.page.locator('[data-testid="migrate-result"][data-state="pending"]').waitFor({ timeout: LIVENESS_MS });

    // Tablet B, the same card for another member: 6,000 points needs a manager's approval, their PIN checked offline.
    await migrate(tabletB, MEMBER_B, CARD_TYPED_ON_B, 6_000);
    await tabletB.page.getByTestId('migrate-confirm').click();
    const dialog = tabletB.page.getByTestId('approval-dialog');
    await dialog.locator('[data-testid="staff-option"][data-role="manager"]').first().click();
    await enterPin(dialog, '0000');
    await expect.poll(() => dialog.getByTestId('pin-failure').getAttribute('data-reason')).toBe('wrong-pin');
    await enterPin(dialog, DEMO_MANAGER_PIN);
    await dialog.waitFor({ state: 'detached', timeout: LIVENESS_MS });
    await tabletB.page.locator('[data-testid="migrate-result"][data-state="pending"]').waitFor({ timeout: LIVENESS_MS });

    // Offline, each counter shows the migrated points as pending on the member's balance.
    await gotoRoute(tabletB, 'counter');
    await findMember(tabletB, MEMBER_B, MEMBER_B);
    await expectTotal(tabletB, beforeB + 6_000);
    await gotoRoute(tabletB, 'migrate');

    // A reaches the server first and wins.
    await tabletA.context.setOffline(false);
    await tabletA.page.locator('[data-testid="migrate-result"][data-state="posted"]').waitFor({ timeout: LIVENESS_MS * 3 });
    // Then B: the server answers with A's migration, which B adopts, and its clerk is told.
    await tabletB.context.setOffline(false);
    const refusedRow = tabletB.page.locator(`[data-testid="migrate-own-row"][data-card-no="${CARD}"][data-state="refused"]`);
    await refusedRow.waitFor({ timeout: LIVENESS_MS * 3 });
    expect(await refusedRow.textContent()).toContain('このカードは既に別の店舗で移行済みです');

    const { rows: entries } = await server.store.query<{ id: string; member_id: string; points: number }>(
      `select id, member_id, points from point_entries where type = 'migration' and ref = $1`,
      [CARD],
    );
    expect(entries).toEqual([{ id: paperCardEntryId(CARD), member_id: idA, points: 1_200 }]);
    const { rows: cards } = await server.store.query('select member_id from paper_cards where card_no = $1', [CARD]);
    expect(cards).toEqual([{ member_id: idA }]);
    const { rows: links } = await server.store.query<{ id: string; paper_cards: string[] }>(
      'select id, paper_cards from members where id = any($1::text[]) order by member_no',
      [[idA, idB]],
    );
    expect(links).toEqual([{ id: idA, paper_cards: [CARD] }, { id: idB, paper_cards: [] }]);
    expect(await postedBalance(MEMBER_A)).toBe(beforeA + 1_200);
    expect(await postedBalance(MEMBER_B)).toBe(beforeB);

    // B's counter no longer counts the refused points, and B now knows the card is taken.
    await gotoRoute(tabletB, 'counter');
    await findMember(tabletB, MEMBER_B, MEMBER_B);
    await expectTotal(tabletB, beforeB);
    await gotoRoute(tabletB, 'migrate');
    await tabletB.page.getByTestId('migrate-member-query').fill(MEMBER_B);
    await tabletB.page.getByTestId('migrate-member-submit').click();
    await tabletB.page.locator(`[data-testid="migrate-member-option"][data-member-no="${MEMBER_B}"]`).click();
    await tabletB.page.getByTestId('migrate-card-no').fill(CARD);
    await tabletB.page.getByTestId('migrate-card-next').click();
    await expect.poll(() => tabletB.page.getByTestId('migrate-card-problem').textContent()).toBe('このカードは既に移行済みです。');
  });
});
