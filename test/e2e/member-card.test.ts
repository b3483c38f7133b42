import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_MEMBER_NO } from '../../server/demo/generate.ts';
import { CLOCK_SKEW_S, CODE_ROTATION_S } from '../../src/domain/signed-member-code.ts';
import { launchChromium } from './support/browser.ts';
import { writeQrVideo } from './support/fake-camera.ts';
import { startTestServer, type TestServer } from './support/tenpo-server.ts';
import { FIRST_SYNC_MS, LIVENESS_MS, enrol, findMember, messageTone, openTablet, unsentCount, waitForState, type Tablet, reloadSignedIn } from './support/tablet.ts';

const MEMBER_NO = String(FIRST_MEMBER_NO + 3);
const REPLAYED = 'このコードは使用済みです';

/**
 * Issue 4, "the member's own card": the card screen on the member's phone
 * pairs through a code the tablet shows and then shows a rotating TNP2 QR; a
 * tablet scans it through its (fake) camera, verifies it offline-capable, and
 * lets the member redeem; the same code again is refused as a replay.
 */
describe('member card: pair the phone, scan its TNP2 code, redeem, refuse the replay', () => {
  let server: TestServer;
  let workDir: string;
  let pairingBrowser: Browser;
  let scanningBrowser: Browser | undefined;
  let phone: Page;
  let scanner: Tablet;
  let scanned = '';

  const cardCode = async (): Promise<string> => (await phone.getByTestId('card-code').getAttribute('data-code')) ?? '';
  const messageText = async (tablet: Tablet): Promise<string> => (await tablet.page.getByTestId('counter-message').textContent()) ?? '';
  const typeCode = async (tablet: Tablet, code: string): Promise<void> => {
    await tablet.page.getByTestId('member-search').fill(code);
    await tablet.page.getByTestId('member-search-submit').click();
  };

  beforeAll(async () => {
    server = await startTestServer(50);
    workDir = await mkdtemp(join(tmpdir(), 'tenpo-card-'));
    pairingBrowser = await launchChromium();
  });

  afterAll(async () => {
    await scanningBrowser?.close();
    await pairingBrowser?.close();
    await server?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('pairs the phone with a code the tablet shows, and the card shows a signed code', async () => {
    const clerk = await openTablet(await pairingBrowser.newContext({ locale: 'ja-JP', serviceWorkers: 'block' }), server.url);
    await enrol(clerk, server.enrolmentCode, 'レジ1');
    await findMember(clerk, MEMBER_NO, MEMBER_NO, FIRST_SYNC_MS);
    await clerk.page.getByTestId('pairing-start').click();
    const url = await clerk.page.getByTestId('pairing-code').getAttribute('data-url');
    expect(url).toMatch(/\/#\/card\?pair=CARD-/);

    const phoneContext = await pairingBrowser.newContext({ locale: 'ja-JP', serviceWorkers: 'block' });
    phone = await phoneContext.newPage();
    phone.on('pageerror', (error) => console.error(`[phone page error] ${error.message}`));
    // The phone's clock runs as usual but can be moved on: the rotation test
    // below need not wait out CODE_ROTATION_S in real time.
    await phone.clock.install();
    await phone.goto(url ?? '');
    await expect.poll(cardCode, { timeout: LIVENESS_MS }).toMatch(/^TNP2:[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86}$/);
    expect(await phone.getByTestId('card-member-no').textContent()).toBe(MEMBER_NO);
    scanned = await cardCode();
    // From here the phone has no network: the card keeps signing codes on its own.
    await phoneContext.setOffline(true);
  });

  it('scans the code through the camera and lets the member redeem, which a member number alone does not', async () => {
    const video = join(workDir, 'card.y4m');
    await writeQrVideo(scanned, video);
    scanningBrowser = await launchChromium({ fakeCameraFile: video });
    scanner = await openTablet(await scanningBrowser.newContext({ locale: 'ja-JP', serviceWorkers: 'block' }), server.url);
    await enrol(scanner, server.enrolmentCode, 'レジ2');
    await findMember(scanner, MEMBER_NO, MEMBER_NO, FIRST_SYNC_MS);
    await waitForState(scanner, 'synced', FIRST_SYNC_MS);

    // Found by number: earning works, redeeming is closed and says why.
    await expect(scanner.page.getByTestId('redeem-submit').isDisabled()).resolves.toBe(true);
    expect(await scanner.page.getByTestId('redeem-needs-signed').textContent()).toContain('会員アプリのQR');
    await scanner.page.getByTestId('earn-amount').fill('10000');
    await scanner.page.getByTestId('earn-submit').click();
    await expect.poll(() => messageTone(scanner), { timeout: LIVENESS_MS }).toBe('success');

    await scanner.page.getByTestId('scan-start').click();
    await expect.poll(() => scanner.page.locator('[data-testid="redeem-points"]:enabled').count(), { timeout: LIVENESS_MS }).toBe(1);
    expect(await scanner.page.getByTestId('member-no').textContent()).toBe(MEMBER_NO);
    expect(await scanner.page.getByTestId('redeem-needs-signed').count()).toBe(0);

    await scanner.page.getByTestId('redeem-points').fill('10');
    await scanner.page.getByTestId('redeem-submit').click();
    await expect.poll(() => messageText(scanner), { timeout: LIVENESS_MS }).toContain('10');
    expect(await messageTone(scanner)).toBe('success');
    await expect.poll(() => unsentCount(scanner), { timeout: LIVENESS_MS }).toBe(0);
    const { rows } = await server.store.query<{ n: number }>(
      `select count(*)::int as n from point_entries e join members m on m.id = e.member_id where m.member_no = $1 and e.type = 'redeem' and e.points = 10`,
      [MEMBER_NO],
    );
    expect(rows[0]?.n).toBe(1);
  });

  it('refuses the same code again as a replay: typed by a wedge scanner, rescanned, and after a reload', async () => {
    const counterClear = async () => {
      await findMember(scanner, MEMBER_NO, MEMBER_NO);
      await expect(scanner.page.getByTestId('redeem-submit').isDisabled()).resolves.toBe(true);
    };
    await counterClear();
    await typeCode(scanner, scanned);
    await expect.poll(() => messageText(scanner), { timeout: LIVENESS_MS }).toContain(REPLAYED);
    expect(await messageTone(scanner)).toBe('error');
    await expect(scanner.page.getByTestId('redeem-submit').isDisabled()).resolves.toBe(true);

    await counterClear();
    await scanner.page.getByTestId('scan-start').click();
    await expect.poll(() => messageText(scanner), { timeout: LIVENESS_MS }).toContain(REPLAYED);
    await expect(scanner.page.getByTestId('redeem-submit').isDisabled()).resolves.toBe(true);

    // The seen nonces are stored, not held in memory.
    await reloadSignedIn(scanner);
    await counterClear();
    await typeCode(scanner, scanned);
    await expect.poll(() => messageText(scanner), { timeout: LIVENESS_MS }).toContain(REPLAYED);
    await expect(scanner.page.getByTestId('redeem-submit').isDisabled()).resolves.toBe(true);
  });

  it('the offline phone renews its code when the rotation period is over, and the new one is accepted', async () => {
    // Exactly one period on: the renewed code's issuedAt is then at most one
    // period ahead of the tablet's clock, which the tablet accepts as skew.
    expect(CODE_ROTATION_S).toBeLessThanOrEqual(CLOCK_SKEW_S);
    await phone.clock.fastForward(CODE_ROTATION_S * 1_000);
    await expect.poll(cardCode, { timeout: LIVENESS_MS }).not.toBe(scanned);
    const renewed = await cardCode();
    expect(renewed).toMatch(/^TNP2:/);
    await typeCode(scanner, renewed);
    await expect.poll(() => scanner.page.locator('[data-testid="redeem-points"]:enabled').count(), { timeout: LIVENESS_MS }).toBe(1);
    expect(await messageTone(scanner)).toBe('success');
  });
});
