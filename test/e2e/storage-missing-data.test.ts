import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_MEMBER_NO } from '../../server/demo/generate.ts';
import { launchChromium } from './support/browser.ts';
import { startTestServer, type TestServer } from './support/tenpo-server.ts';
import { FIRST_SYNC_MS, LIVENESS_MS, enrol, expectTotal, findMember, openTablet, signIn, unsentCount, waitForState, type Tablet } from './support/tablet.ts';

const MEMBER_NO = String(FIRST_MEMBER_NO);

/**
 * Members stored in the tablet's own members database, read straight from
 * IndexedDB: the counter's search would also find a member through the
 * server's online lookup, which proves nothing about local data.
 */
async function localMembers(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const name = (await indexedDB.databases()).map((db) => db.name ?? '').find((each) => each.endsWith('--members'));
    if (name === undefined) return 0;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(new Error(`could not open ${name}`));
    });
    try {
      if (!db.objectStoreNames.contains('docs')) return 0;
      const request = db.transaction('docs').objectStore('docs').count();
      return await new Promise<number>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(new Error('could not count members'));
      });
    } finally {
      db.close();
    }
  });
}

describe('local data goes missing under an enrolled tablet', () => {
  let server: TestServer;
  let browser: Browser;
  let tablet: Tablet;

  async function postedWithRef(ref: string): Promise<number> {
    const { rows } = await server.store.query<{ n: number }>('select count(*)::int as n from point_entries where ref = $1', [ref]);
    return rows[0]?.n ?? 0;
  }

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    // No service worker: the tablet page is closed while its data is removed, and opened again online.
    tablet = await openTablet(await browser.newContext({ locale: 'ja-JP', serviceWorkers: 'block' }), server.url);
    await enrol(tablet, server.enrolmentCode, 'レジ1');
    await findMember(tablet, MEMBER_NO, MEMBER_NO, FIRST_SYNC_MS);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('pulls the lost members again and keeps the unsent earn, posted once', async () => {
    const { balance: before } = await server.api<{ balance: number }>(`/api/v1/members/${MEMBER_NO}/points`);
    await expectTotal(tablet, before);
    await tablet.context.setOffline(true);
    await waitForState(tablet, 'offline');
    await tablet.page.getByTestId('earn-amount').fill('5000');
    await tablet.page.getByTestId('earn-ref').fill('KEPT-1');
    await tablet.page.getByTestId('earn-submit').click();
    await expect.poll(() => unsentCount(tablet), { timeout: LIVENESS_MS }).toBe(1);
    const membersBefore = await localMembers(tablet.page);
    expect(membersBefore).toBeGreaterThan(0);

    // The browser loses the members' IndexedDB database (one per collection
    // in RxDB's Dexie storage) while the enrolment and the checkpoints stay.
    // Done from a page of the same origin that does not run the app, with the
    // tablet page closed so nothing holds the database open.
    await tablet.page.close();
    await tablet.context.setOffline(false);
    const probe = await tablet.context.newPage();
    await probe.goto(`${server.url}/healthz`);
    const deleted = await probe.evaluate(async () => {
      const names = (await indexedDB.databases()).map((db) => db.name ?? '').filter((name) => name.endsWith('--members'));
      await Promise.all(
        names.map(
          (name) =>
            new Promise<void>((resolve, reject) => {
              const request = indexedDB.deleteDatabase(name);
              request.onsuccess = () => resolve();
              request.onerror = () => reject(new Error(`could not delete ${name}`));
            }),
        ),
      );
      return names;
    });
    expect(deleted).toHaveLength(1);
    expect(await localMembers(probe)).toBe(0);
    await probe.close();

    tablet = { context: tablet.context, page: await tablet.context.newPage() };
    await tablet.page.goto(server.url);
    await signIn(tablet, 'clerk', LIVENESS_MS);
    // Without the resync the surviving checkpoint says "pulled" and the members never come back.
    await expect.poll(() => localMembers(tablet.page), { timeout: FIRST_SYNC_MS }).toBe(membersBefore);
    await findMember(tablet, MEMBER_NO, MEMBER_NO);
    await expect.poll(() => unsentCount(tablet), { timeout: LIVENESS_MS }).toBe(0);
    expect(await postedWithRef('KEPT-1')).toBe(1);
    await expectTotal(tablet, before + 50);
  });
});
