import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_MEMBER_NO } from '../../server/demo/generate.ts';
import { auditPageSchema, DEFAULT_DEVICE_POLICY, suggestionsSchema, type ContactRequest, type PurchaseRequest } from '../../src/protocol/index.ts';
import { launchChromium } from './support/browser.ts';
import { enrolInShop, LIVENESS_MS, openTablet, waitForState, type Tablet } from './support/tablet.ts';
import { startTestServer, type TestServer } from './support/tenpo-server.ts';

const MEMBER_NO = String(FIRST_MEMBER_NO);

/** What a timeline entry on the profile says, in the order the tablet shows them. */
interface ShownItem {
  kind: string | null;
  channel: string | null;
  text: string;
}

async function shownTimeline(tablet: Tablet): Promise<ShownItem[]> {
  return tablet.page
    .getByTestId('timeline-item')
    .evaluateAll((items) =>
      items.map((item) => ({ kind: item.getAttribute('data-kind'), channel: item.getAttribute('data-channel'), text: item.textContent ?? '' })),
    );
}

/** Every record in every IndexedDB database of the tablet's origin, as one string. */
async function everythingStored(tablet: Tablet): Promise<string> {
  return tablet.page.evaluate(async () => {
    const request = <T,>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
      });
    const texts: string[] = [];
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const open = indexedDB.open(name);
      const db = await request(open);
      for (const store of Array.from(db.objectStoreNames)) {
        texts.push(JSON.stringify(await request(db.transaction(store, 'readonly').objectStore(store).getAll())));
      }
      db.close();
    }
    return texts.join('\n');
  });
}

/**
 * Issue 9, the profile at the counter: what the EC site and LINE report through
 * /api/v1 reaches an online tablet's open profile live, and a note a clerk
 * writes on an offline tablet reaches the other tablet when it reconnects.
 */
describe('customer profile: one timeline across channels, live on the tablets', () => {
  let server: TestServer;
  let browser: Browser;
  let tabletA: Tablet;
  let tabletB: Tablet;

  async function post(path: string, body: PurchaseRequest | ContactRequest): Promise<void> {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status !== 201) throw new Error(`POST ${path} → ${response.status} ${await response.text()}`);
  }

  async function openProfile(tablet: Tablet): Promise<void> {
    await tablet.page.getByTestId('profile-open').click();
    await tablet.page.getByTestId('timeline').waitFor({ timeout: LIVENESS_MS });
  }

  async function profileViews(): Promise<number> {
    const page = auditPageSchema.parse(await server.api('/api/v1/audit-events?action=profile-view'));
    return page.events.length;
  }

  async function storedShopNotes(summary: string): Promise<number> {
    const { rows } = await server.store.query<{ n: number }>("select count(*)::int as n from contacts where channel = 'shop' and summary = $1", [summary]);
    return rows[0]?.n ?? 0;
  }

  async function shopOf(deviceName: string): Promise<string> {
    const { rows } = await server.store.query<{ shop_id: string }>('select shop_id from devices where name = $1', [deviceName]);
    return rows[0]?.shop_id ?? '';
  }

  beforeAll(async () => {
    server = await startTestServer(50);
    browser = await launchChromium();
    tabletA = await openTablet(await browser.newContext({ locale: 'ja-JP' }), server.url);
    tabletB = await openTablet(await browser.newContext({ locale: 'ja-JP' }), server.url);
    await enrolInShop(server.enrolmentCode, MEMBER_NO, [
      { tablet: tabletA, deviceName: 'レジ1' },
      { tablet: tabletB, deviceName: 'レジ2' },
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows an EC order and a LINE inquiry posted through the API on an open profile, newest first, without a reload', async () => {
    const viewsBefore = await profileViews();
    await openProfile(tabletB);
    // Each opening of a profile is audited on the server (pushed from the tablet's audit log).
    await expect.poll(profileViews, { timeout: LIVENESS_MS }).toBe(viewsBefore + 1);

    const orderRef = `EC-${randomUUID().slice(0, 8)}`;
    const inquiry = `24.5cmのネイビーは再入荷しますか ${randomUUID().slice(0, 4)}`;
    const orderedAt = new Date(Date.now() - 60_000).toISOString();
    await post('/api/v1/purchases', {
      idempotencyKey: randomUUID(),
      member: { memberNo: MEMBER_NO },
      channel: 'ec',
      ref: orderRef,
      at: orderedAt,
      lines: [{ jan: '4901234567894', name: 'ランニングシューズ', quantity: 1, amountYen: 12_800 }],
    });
    await post('/api/v1/contacts', {
      idempotencyKey: randomUUID(),
      member: { memberNo: MEMBER_NO },
      channel: 'line',
      at: new Date().toISOString(),
      summary: inquiry,
      staff: 'EC窓口',
    });

    const fromFeeds = async () => (await shownTimeline(tabletB)).filter((item) => item.text.includes(orderRef) || item.text.includes(inquiry));
    await expect.poll(async () => (await fromFeeds()).length, { timeout: LIVENESS_MS }).toBe(2);
    const [newest, older] = await fromFeeds();
    expect(newest).toMatchObject({ kind: 'contact', channel: 'line' });
    expect(newest?.text).toContain(inquiry);
    expect(newest?.text).toContain('EC窓口');
    expect(older).toMatchObject({ kind: 'purchase', channel: 'ec' });
    expect(older?.text).toContain(orderRef);
    expect(older?.text).toContain('ランニングシューズ');
    // The suggestions the server makes for this member at this shop, in its order.
    const shopId = await shopOf('レジ2');
    const suggested = suggestionsSchema.parse(await server.api(`/api/v1/members/${MEMBER_NO}/suggestions?shopId=${shopId}`));
    expect(suggested.suggestions.length).toBeGreaterThan(0);
    await expect
      .poll(() => tabletB.page.getByTestId('suggestion').evaluateAll((items) => items.map((item) => item.getAttribute('data-jan'))), { timeout: LIVENESS_MS })
      .toEqual(suggested.suggestions.map((suggestion) => suggestion.jan));
    // Nothing was reloaded: the profile the clerk opened is still open.
    await expect(tabletB.page.getByTestId('profile-summary').isVisible()).resolves.toBe(true);
  });

  it('takes a note on an offline tablet and shows it on the other tablet once the first reconnects', async () => {
    const note = `24.5cmのネイビーを探している ${randomUUID().slice(0, 4)}`;
    await tabletA.context.setOffline(true);
    await waitForState(tabletA, 'offline');
    await openProfile(tabletA);

    await tabletA.page.getByTestId('note-input').fill(note);
    await tabletA.page.getByTestId('note-save').click();
    // Written on the tablet at once, offline, as a shop note.
    await expect
      .poll(async () => (await shownTimeline(tabletA)).filter((item) => item.text.includes(note) && item.channel === 'shop').length, {
        timeout: LIVENESS_MS,
      })
      .toBe(1);
    await expect(tabletA.page.getByTestId('note-input').inputValue()).resolves.toBe('');
    expect(await storedShopNotes(note)).toBe(0);
    expect((await shownTimeline(tabletB)).some((item) => item.text.includes(note))).toBe(false);

    await tabletA.context.setOffline(false);
    await expect
      .poll(async () => (await shownTimeline(tabletB)).filter((item) => item.text.includes(note)).map((item) => [item.kind, item.channel]), {
        timeout: LIVENESS_MS,
      })
      .toEqual([['contact', 'shop']]);
    expect(await storedShopNotes(note)).toBe(1);
  });

  it('keeps purchases and contacts older than the window off the tablet, and reads them online on demand', async () => {
    const day = 24 * 60 * 60 * 1000;
    const longAgo = new Date(Date.now() - (DEFAULT_DEVICE_POLICY.timelineWindowDays + 30) * day).toISOString();
    const oldRef = `R-OLD-${randomUUID().slice(0, 6)}`;
    const oldInquiry = `昔の問い合わせ ${randomUUID().slice(0, 4)}`;
    const recentRef = `R-NEW-${randomUUID().slice(0, 6)}`;
    const shopId = await shopOf('レジ2');
    const receipt = (ref: string, at: string): PurchaseRequest => ({
      idempotencyKey: randomUUID(),
      member: { memberNo: MEMBER_NO },
      channel: 'store',
      shopId,
      ref,
      at,
      lines: [{ jan: '4901234567894', name: 'ソックス', quantity: 2, amountYen: 1_200 }],
    });
    await post('/api/v1/purchases', receipt(oldRef, longAgo));
    await post('/api/v1/contacts', { idempotencyKey: randomUUID(), member: { memberNo: MEMBER_NO }, channel: 'phone', at: longAgo, summary: oldInquiry });
    // Posted after the old ones, so it reaches the tablet after anything they would have sent.
    await post('/api/v1/purchases', receipt(recentRef, new Date().toISOString()));

    const shows = async (text: string) => (await shownTimeline(tabletB)).some((item) => item.text.includes(text));
    await expect.poll(() => shows(recentRef), { timeout: LIVENESS_MS }).toBe(true);
    expect(await shows(oldRef)).toBe(false);
    expect(await shows(oldInquiry)).toBe(false);
    // Not hidden but absent: nothing the tablet stored mentions them.
    const stored = await everythingStored(tabletB);
    expect(stored).toContain(recentRef);
    expect(stored).not.toContain(oldRef);
    expect(stored).not.toContain(oldInquiry);

    await tabletB.page.getByTestId('timeline-load-older').click();
    await expect.poll(() => shows(oldRef), { timeout: LIVENESS_MS }).toBe(true);
    expect(await shows(oldInquiry)).toBe(true);
  });
});
