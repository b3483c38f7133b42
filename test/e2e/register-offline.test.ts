import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_MEMBER_NO } from '../../server/demo/generate.ts';
import { launchChromium } from './support/browser.ts';
import { registerAtCounter, shownMemberNo } from './support/register.ts';
import { startTestServer, type TestServer } from './support/tenpo-server.ts';
import { FIRST_SYNC_MS, LIVENESS_MS, enrol, expectTotal, findMember, messageTone, openTablet, waitForState, type Tablet, reloadSignedIn } from './support/tablet.ts';

/**
 * Registration at the counter with no network: the member can earn at once,
 * and once the tablet reconnects the server gives the permanent number, which
 * both tablets converge on.
 */
describe('a member registered on an offline tablet earns at once and gets one number everywhere', () => {
  let server: TestServer;
  let browser: Browser;
  let tabletA: Tablet;
  let tabletB: Tablet;

  const PHONE_TYPED = '０８０ｰ５５５５ｰ１２３４';
  const PHONE_E164 = '+818055551234';

  async function membersWithPhone(): Promise<{ id: string; memberNo: string; name: string }[]> {
    const { rows } = await server.store.query<{ id: string; memberNo: string; name: string }>(
      'select id, member_no as "memberNo", name from members where phone = $1',
      [PHONE_E164],
    );
    return rows;
  }

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    tabletA = await openTablet(await browser.newContext({ locale: 'ja-JP' }), server.url);
    tabletB = await openTablet(await browser.newContext({ locale: 'ja-JP' }), server.url);
    await enrol(tabletA, server.enrolmentCode, 'レジ1');
    await enrol(tabletB, server.enrolmentCode, 'レジ2');
    // Both tablets have pulled the chain before the test starts.
    await findMember(tabletA, String(FIRST_MEMBER_NO), String(FIRST_MEMBER_NO), FIRST_SYNC_MS);
    await findMember(tabletB, String(FIRST_MEMBER_NO), String(FIRST_MEMBER_NO), FIRST_SYNC_MS);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('registers offline, earns, and converges on the server-given number after reconnecting', async () => {
    await tabletA.context.setOffline(true);
    await waitForState(tabletA, 'offline');

    await registerAtCounter(tabletA, { name: '神田 太郎', nameKana: 'ｶﾝﾀﾞ ﾀﾛｳ', phone: PHONE_TYPED, email: ' Taro.Kanda@Example.JP ' });
    // The counter opens with the new member selected: no number yet, said plainly.
    await expect.poll(() => tabletA.page.getByTestId('member-name').textContent(), { timeout: LIVENESS_MS }).toBe('神田 太郎');
    await expect(tabletA.page.getByTestId('member-no-provisional').textContent()).resolves.toBe('番号は同期後に発行されます');
    expect(await shownMemberNo(tabletA)).toBeNull();

    // Earn at once, offline.
    await tabletA.page.getByTestId('earn-amount').fill('5000');
    await tabletA.page.getByTestId('earn-submit').click();
    await expectTotal(tabletA, 50);

    // Nothing has left tablet A: the server and tablet B do not know the member.
    expect(await membersWithPhone()).toEqual([]);
    await tabletB.page.getByTestId('member-search').fill('080-5555-1234');
    await tabletB.page.getByTestId('member-search-submit').click();
    await expect.poll(() => messageTone(tabletB), { timeout: LIVENESS_MS }).toBe('error');
    expect(await tabletB.page.getByTestId('member-name').textContent()).not.toBe('神田 太郎');

    await tabletA.context.setOffline(false);

    // A's screen shows the server's number without a reload.
    await expect.poll(() => shownMemberNo(tabletA), { timeout: LIVENESS_MS * 2 }).toMatch(/^[1-9]\d{9}$/);
    const memberNo = await shownMemberNo(tabletA);
    if (memberNo === null) throw new Error('no number shown');
    expect(await tabletA.page.getByTestId('member-no-provisional').count()).toBe(0);

    // Exactly one member, with that number and the contact stored normalised; the earn posted once.
    await expect.poll(() => membersWithPhone(), { timeout: LIVENESS_MS }).toEqual([expect.objectContaining({ memberNo, name: '神田 太郎' })]);
    const member = await server.api<{ memberNo: string; email: string; nameKana: string }>(`/api/v1/members/${memberNo}`);
    expect(member).toMatchObject({ memberNo, email: 'taro.kanda@example.jp' });
    await expect.poll(async () => (await server.api<{ balance: number }>(`/api/v1/members/${memberNo}/points`)).balance, { timeout: LIVENESS_MS * 2 }).toBe(50);
    await expectTotal(tabletA, 50);

    // Tablet B finds the member by that number (and by kana) and sees the balance.
    await findMember(tabletB, memberNo, memberNo, LIVENESS_MS * 2);
    await expect(tabletB.page.getByTestId('member-name').textContent()).resolves.toBe('神田 太郎');
    await expectTotal(tabletB, 50);
    await findMember(tabletB, 'かんだ たろう', memberNo);
  });

  it('finds the survivor by a merged member\'s old number and tells the clerk', async () => {
    const oldNo = String(FIRST_MEMBER_NO + 1);
    const survivorNo = String(FIRST_MEMBER_NO + 2);
    // 名寄せ as HQ's merge leaves the old record (the points move is the merge service's, not this test's).
    const { rows } = await server.store.query<{ id: string; memberNo: string; name: string }>(
      'select id, member_no as "memberNo", name from members where member_no = any($1::text[])',
      [[oldNo, survivorNo]],
    );
    const survivor = rows.find((r) => r.memberNo === survivorNo);
    if (!survivor || rows.length !== 2) throw new Error('demo members missing');
    await server.store.query('update members set merged_into = $1, updated_at = now() where member_no = $2', [survivor.id, oldNo]);
    // A fresh start pulls from the checkpoint (the direct update sent no stream event).
    await reloadSignedIn(tabletB);
    await findMember(tabletB, oldNo, survivorNo);
    await expect(tabletB.page.getByTestId('member-name').textContent()).resolves.toBe(survivor.name);
    await expect(tabletB.page.getByTestId('counter-message').textContent()).resolves.toContain(`旧会員番号 ${oldNo} は ${survivorNo} に統合されています`);
  });
});
