import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_MEMBER_NO } from '../../server/demo/generate.ts';
import { CONTENT_SECURITY_POLICY } from '../../server/http/security.ts';
import { launchChromium } from './support/browser.ts';
import { writeQrVideo } from './support/fake-camera.ts';
import { startTestServer, type TestServer } from './support/tenpo-server.ts';
import { FIRST_SYNC_MS, LIVENESS_MS, enrol, findMember, openTablet, waitForServiceWorker, type Tablet } from './support/tablet.ts';

const MEMBER_NO = String(FIRST_MEMBER_NO + 1);

/**
 * Issue 6: the app's pages run under the server's Content-Security-Policy with
 * no violation: the counter (with the camera scanner), stock, register, the
 * member's card (its QR is a data: URL), HQ merges, and the service worker.
 */
describe('the app runs under its Content-Security-Policy', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let workDir: string;
  let tablet: Tablet;
  const violations: string[] = [];

  const watch = (page: Page) =>
    page.on('console', (message) => {
      if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) violations.push(`console: ${message.text()}`);
    });
  const show = async (page: Page, hash: string, ready: string) => {
    await page.evaluate((h) => {
      location.hash = h;
    }, hash);
    await page.locator(ready).first().waitFor({ timeout: LIVENESS_MS });
  };

  beforeAll(async () => {
    server = await startTestServer(50);
    workDir = await mkdtemp(join(tmpdir(), 'tenpo-csp-'));
    const video = join(workDir, 'member.y4m');
    await writeQrVideo(MEMBER_NO, video);
    browser = await launchChromium({ fakeCameraFile: video });
    // Service workers allowed: their registration is under the policy too.
    context = await browser.newContext({ locale: 'ja-JP' });
    await context.exposeBinding('__tenpoCspViolation', (_source, text: string) => {
      violations.push(text);
    });
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        const report = (window as unknown as { __tenpoCspViolation: (text: string) => void }).__tenpoCspViolation;
        report(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
      });
    });
    context.on('page', watch);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('the page is served with the policy, and a violation would be seen', async () => {
    const response = await fetch(server.url);
    const expected = Object.entries(CONTENT_SECURITY_POLICY).map(([name, values]) => `${name} ${values.join(' ')}`).join(';');
    expect(response.headers.get('content-security-policy')).toBe(expected);

    // The control: an inline script is refused and reported, so silence below means something.
    const probe = await context.newPage();
    await probe.goto(server.url);
    await probe.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inline = true';
      document.body.append(script);
    });
    await expect.poll(() => violations.length, { timeout: LIVENESS_MS }).toBeGreaterThan(0);
    expect(await probe.evaluate(() => (window as unknown as { __inline?: boolean }).__inline)).toBeUndefined();
    await probe.close();
    violations.length = 0;
  });

  it('counter (camera scanning), stock, register, HQ merges and audit: no violation, and the service worker registers', async () => {
    tablet = await openTablet(context, server.url);
    await enrol(tablet, server.enrolmentCode, 'CSPレジ');
    await waitForServiceWorker(tablet);
    const { page } = tablet;

    await show(page, '#/counter', '[data-testid="scan-start"]');
    await page.getByTestId('scan-start').click();
    // The camera preview plays: html5-qrcode's video and canvas run under the policy.
    await page.waitForFunction(() => [...document.querySelectorAll('video')].some((v) => v.readyState >= 2), undefined, { timeout: LIVENESS_MS });
    await findMember(tablet, MEMBER_NO, MEMBER_NO, FIRST_SYNC_MS);

    await show(page, '#/stock', 'main input');
    await show(page, '#/register', '[data-testid="register-submit"]');
    await show(page, '#/hq/merges', 'main input');
    // HQ with its key: the merge review asks the API for candidates and lists them.
    await page.getByLabel('APIキー').fill(server.apiKey);
    await page.getByRole('button', { name: '開く' }).click();
    await page.getByText('まだ統合はありません。').or(page.locator('.merge-history')).first().waitFor({ timeout: LIVENESS_MS });
    await show(page, '#/hq/import', 'main input');
    // The audit log with the same session key: it asks the API and shows its answer (rows or none).
    await show(page, '#/hq/audit', '[data-testid="audit-table"], [data-testid="audit-empty"]');
    expect(violations).toEqual([]);
  });

  it('the member card: pairing QR on the tablet, the signed code on the phone, no violation', async () => {
    const { page } = tablet;
    await show(page, '#/counter', '[data-testid="scan-start"]');
    await findMember(tablet, MEMBER_NO, MEMBER_NO, FIRST_SYNC_MS);
    await page.getByTestId('pairing-start').click();
    const url = await page.getByTestId('pairing-code').getAttribute('data-url');
    expect(url).toMatch(/\/#\/card\?pair=CARD-/);
    // The QR images are data: URLs drawn by the qrcode package.
    await expect.poll(() => page.locator('img[src^="data:image/png"]').count(), { timeout: LIVENESS_MS }).toBeGreaterThan(0);

    const phone = await context.newPage();
    await phone.goto(url ?? '');
    await expect.poll(async () => (await phone.getByTestId('card-code').getAttribute('data-code')) ?? '', { timeout: LIVENESS_MS }).toMatch(/^TNP2:/);
    await expect.poll(() => phone.locator('img[src^="data:image/png"]').count(), { timeout: LIVENESS_MS }).toBeGreaterThan(0);
    expect(violations).toEqual([]);
  });
});
