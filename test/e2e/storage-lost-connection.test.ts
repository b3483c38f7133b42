import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_MEMBER_NO } from '../../server/demo/generate.ts';
import { launchChromium } from './support/browser.ts';
import { startTestServer, type TestServer } from './support/tenpo-server.ts';
import {
  FIRST_SYNC_MS,
  LIVENESS_MS,
  enrol,
  expectTotal,
  findMember,
  openTablet,
  signIn,
  unsentCount,
  waitForServiceWorker,
  waitForState,
  type Tablet,
} from './support/tablet.ts';

const MEMBER_NO = String(FIRST_MEMBER_NO);

/**
 * Stands in for iPad Safari's IndexedDB server process dying under the page.
 * Runs before the app on every load: it notes each connection the page opens,
 * and `__killIndexedDb()` closes them all and from then on fails every new
 * transaction the way the dead process does (UnknownError, "Connection to
 * Indexed Database server lost"). Closing alone is not enough: Dexie reopens a
 * connection the page itself closed (InvalidStateError) without anyone
 * noticing, which is fine but is not the failure we must survive. A reload
 * runs this script again, with a storage that works, as the real process
 * comes back.
 */
async function installIndexedDbKiller(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const connections: IDBDatabase[] = [];
    let dead = false;
    // Taken by descriptor: the originals are called with the patched method's own `this`.
    const open = Object.getOwnPropertyDescriptor(IDBFactory.prototype, 'open')?.value as (
      this: IDBFactory,
      ...args: Parameters<IDBFactory['open']>
    ) => IDBOpenDBRequest;
    IDBFactory.prototype.open = function (this: IDBFactory, ...args: Parameters<IDBFactory['open']>) {
      const request = open.apply(this, args);
      request.addEventListener('success', () => connections.push(request.result));
      return request;
    };
    const transaction = Object.getOwnPropertyDescriptor(IDBDatabase.prototype, 'transaction')?.value as (
      this: IDBDatabase,
      ...args: Parameters<IDBDatabase['transaction']>
    ) => IDBTransaction;
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      if (dead) throw new DOMException('Connection to Indexed Database server lost. Refresh the page to try again', 'UnknownError');
      return transaction.apply(this, args);
    };
    (window as unknown as { __killIndexedDb: () => number }).__killIndexedDb = () => {
      dead = true;
      for (const connection of connections) connection.close();
      return connections.length;
    };
  });
}

describe('the storage connection dies under the app', () => {
  let server: TestServer;
  let browser: Browser;
  let tablet: Tablet;

  async function postedWithRef(ref: string): Promise<number> {
    const { rows } = await server.store.query<{ n: number }>('select count(*)::int as n from point_entries where ref = $1', [ref]);
    return rows[0]?.n ?? 0;
  }

  async function earn(amountYen: number, ref: string): Promise<void> {
    await tablet.page.getByTestId('earn-amount').fill(String(amountYen));
    await tablet.page.getByTestId('earn-ref').fill(ref);
    await tablet.page.getByTestId('earn-submit').click();
  }

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    const context = await browser.newContext({ locale: 'ja-JP' });
    await installIndexedDbKiller(context);
    tablet = await openTablet(context, server.url);
    await enrol(tablet, server.enrolmentCode, 'レジ1');
    await findMember(tablet, MEMBER_NO, MEMBER_NO, FIRST_SYNC_MS);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('reloads, tells the clerk, keeps the queued offline earn and posts it once', async () => {
    const { balance: before } = await server.api<{ balance: number }>(`/api/v1/members/${MEMBER_NO}/points`);
    await expectTotal(tablet, before);
    // The recovery reload happens offline: the service worker must serve it.
    await waitForServiceWorker(tablet);
    await findMember(tablet, MEMBER_NO, MEMBER_NO);
    await tablet.context.setOffline(true);
    await waitForState(tablet, 'offline');

    await earn(5000, 'QUEUED-1');
    await expectTotal(tablet, before + 50);
    await expect.poll(() => unsentCount(tablet), { timeout: LIVENESS_MS }).toBe(1);
    // The unsent entry's age is on show next to the count.
    const pending = tablet.page.getByTestId('sync-pending');
    await expect.poll(() => pending.textContent(), { timeout: LIVENESS_MS }).toMatch(/^未送信 1件・最古 /);
    const oldest = await tablet.page.getByTestId('sync-status').getAttribute('data-oldest-pending');
    expect(Number.isNaN(Date.parse(oldest ?? ''))).toBe(false);

    // The storage process dies while the clerk is at the next earn: the form is
    // filled first (typing touches no storage), so the submit is what hits the dead connection.
    await tablet.page.getByTestId('earn-amount').fill('3000');
    await tablet.page.getByTestId('earn-ref').fill('LOST-2');
    expect(await tablet.page.evaluate(() => (window as unknown as { __killIndexedDb: () => number }).__killIndexedDb())).toBeGreaterThan(0);
    await tablet.page.getByTestId('earn-submit').click();

    const notice = tablet.page.getByTestId('storage-recovered');
    await notice.waitFor({ timeout: LIVENESS_MS });
    expect(await notice.textContent()).toContain('接続が切れたため画面を読み込み直しました');
    await signIn(tablet, 'clerk', LIVENESS_MS);
    await notice.waitFor({ timeout: LIVENESS_MS });
    // The queued entry is still on the tablet after the reload, with its age.
    await expect.poll(() => unsentCount(tablet), { timeout: LIVENESS_MS }).toBe(1);
    expect(await tablet.page.getByTestId('sync-status').getAttribute('data-oldest-pending')).toBe(oldest);
    expect(await postedWithRef('QUEUED-1')).toBe(0);

    await tablet.context.setOffline(false);
    await expect.poll(() => unsentCount(tablet), { timeout: LIVENESS_MS }).toBe(0);
    expect(await postedWithRef('QUEUED-1')).toBe(1);
    // The earn that hit the dead connection was never stored: the notice asked the clerk to check it.
    expect(await postedWithRef('LOST-2')).toBe(0);
    const { balance: after } = await server.api<{ balance: number }>(`/api/v1/members/${MEMBER_NO}/points`);
    expect(after).toBe(before + 50);
  });
});
