import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paperCardEntryId, paperCardNo } from '../../src/domain/paper-card.ts';
import { FIRST_MEMBER_NO } from '../../server/demo/generate.ts';
import { launchChromium } from './support/browser.ts';
import { ean13Modules, writeEan13Video } from './support/fake-barcode.ts';
import { startTestServer, type TestServer } from './support/tenpo-server.ts';
import { FIRST_SYNC_MS, LIVENESS_MS, enrol, findMember, openTablet, type Tablet } from './support/tablet.ts';

const MEMBER_NO = String(FIRST_MEMBER_NO + 2);
const CARD = paperCardNo(777);

describe("the wizard reads the paper card's barcode through the camera and posts its migration", () => {
  let server: TestServer;
  let browser: Browser;
  let workDir: string;
  let tablet: Tablet;

  beforeAll(async () => {
    server = await startTestServer();
    workDir = await mkdtemp(join(tmpdir(), 'tenpo-card-camera-'));
    const video = join(workDir, 'card.y4m');
    await writeEan13Video(CARD, video);
    browser = await launchChromium({ fakeCameraFile: video });
    tablet = await openTablet(await browser.newContext({ locale: 'ja-JP' }), server.url);
    await enrol(tablet, server.enrolmentCode, 'レジ1');
    await findMember(tablet, MEMBER_NO, MEMBER_NO, FIRST_SYNC_MS);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('draws a standard EAN-13 (the encoder the camera test relies on)', () => {
    // 4901085089491 (a real JAN): left guard, first digit 4 → L G L L G G parity, centre, right, guard.
    expect(ean13Modules('4901085089491')).toHaveLength(95);
    expect(ean13Modules('4901085089491').slice(0, 10)).toBe('1010001011');
  });

  it('scans the card number, keeps a small photo, and the migration is posted for the member', async () => {
    const { page } = tablet;
    await page.evaluate(() => {
      window.location.hash = '#/migrate';
    });
    await page.getByTestId('migrate-member-query').fill(MEMBER_NO);
    await page.getByTestId('migrate-member-submit').click();
    await page.locator(`[data-testid="migrate-member-option"][data-member-no="${MEMBER_NO}"]`).click();
    await page.getByTestId('migrate-card-scan').click();
    // The scan moves the wizard on to the balance: the camera read a valid card number.
    await page.getByTestId('migrate-points').waitFor({ timeout: LIVENESS_MS });
    await page.getByTestId('migrate-points').fill('３００');
    await page.getByTestId('migrate-points-next').click();
    // The photo: any camera image; a PNG stands in for the tablet camera's JPEG.
    const photo = await QRCode.toBuffer(`photo of ${CARD}`, { width: 1200 });
    await page.getByTestId('migrate-photo').setInputFiles({ name: 'card.png', mimeType: 'image/png', buffer: photo });
    const preview = page.getByTestId('migrate-photo-preview');
    await preview.waitFor({ timeout: LIVENESS_MS });
    const kept = (await preview.getAttribute('src')) ?? '';
    expect(kept).toMatch(/^data:image\/jpeg;base64,/);
    // Downscaled to at most 640 px: far smaller than a camera original.
    expect(await preview.evaluate((img: HTMLImageElement) => Math.max(img.naturalWidth, img.naturalHeight))).toBe(640);
    await page.getByTestId('migrate-photo-next').click();
    expect(await page.getByTestId('migrate-confirm-card').textContent()).toBe(CARD);
    await page.getByTestId('migrate-confirm').click();
    await page.locator('[data-testid="migrate-result"][data-state="posted"]').waitFor({ timeout: LIVENESS_MS });

    const { rows } = await server.store.query<{ id: string; points: number }>(`select id, points from point_entries where type = 'migration' and ref = $1`, [CARD]);
    expect(rows).toEqual([{ id: paperCardEntryId(CARD), points: 300 }]);
  });
});
