import iconv from 'iconv-lite';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser.ts';
import { startTestServer, type TestServer } from './support/tenpo-server.ts';

/** HQ imports a Shift_JIS member list on #/hq/import: dry run, a changed column, the import, and a second try refused. */
describe('HQ imports a legacy member list', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let existingPhone = '';

  const members = async (): Promise<number> => Number((await server.store.query<{ n: number }>('select count(*)::int as n from members')).rows[0]?.n);

  beforeAll(async () => {
    server = await startTestServer(50);
    const { rows } = await server.store.query<{ phone: string; member_no: string }>(`select phone, member_no from members where phone <> '' order by member_no limit 1`);
    // +819012345678 → 090-1234-5678, as a legacy list would have it.
    existingPhone = (rows[0]?.phone ?? '').replace(/^\+81(\d{2})(\d{4})(\d{4})$/, '0$1-$2-$3');
    browser = await launchChromium();
    page = await (await browser.newContext({ locale: 'ja-JP', serviceWorkers: 'block' })).newPage();
    await page.goto(`${server.url}/#/hq/import`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the dry-run report with each bad row, imports the good rows, and refuses the same file again', async () => {
    const csv = [
      '会員番号,氏名,フリガナ,連絡先,生年月日',
      'K01,青木 実,アオキ ミノル,０８０－４４４４－１２１２,1970/1/2',
      'K02,,イシイ ユイ,080-4444-3434,1985/3/3',
      'K03,上田 優,ｳｴﾀﾞ ﾕｳ,12-34,S60.5.5',
      `K04,重複 太郎,チョウフク タロウ,${existingPhone},`,
      'K05,江口 愛,えぐち あい,+81 80 4444 5656,2000-02-29',
    ].join('\r\n');
    const before = await members();
    await page.getByLabel('APIキー').fill(server.apiKey);
    await page.locator('input[type="file"]').setInputFiles({ name: 'kaiin.csv', mimeType: 'text/csv', buffer: iconv.encode(csv, 'cp932') });
    await page.getByRole('button', { name: '内容を確認' }).click();

    // 連絡先 is not a known header: nothing reads the phones yet, so nobody is a duplicate and row 3 is fine.
    await expect.poll(() => page.getByText('文字コード: Shift_JIS').count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('import-count-importable').textContent()).toBe('4');
    await page.getByLabel('連絡先').selectOption('phone');

    // Checked again with 連絡先 as the phone: row 4 is bad, row 5 duplicates a member.
    await expect.poll(() => page.getByTestId('import-count-importable').textContent(), { timeout: 30_000 }).toBe('2');
    const invalid = page.getByTestId('import-invalid');
    await expect.poll(() => invalid.locator('tbody tr').allTextContents()).toEqual([
      '3行目氏名: 氏名がありません',
      '4行目電話番号: 電話番号として読めません12-34',
    ]);
    await expect.poll(() => page.getByTestId('import-duplicates').locator('tbody tr td').first().textContent()).toBe('5行目');
    expect(await members()).toBe(before);

    await page.getByRole('button', { name: '2件を取り込む' }).click();
    await expect.poll(() => page.getByTestId('import-result').textContent(), { timeout: 30_000 }).toMatch(/^2件を取り込みました/);
    expect(await members()).toBe(before + 2);

    // The same file again: the dry run already says it was imported, and there is no import button to press.
    await page.getByRole('button', { name: '内容を確認' }).click();
    await expect.poll(() => page.getByTestId('import-already').textContent(), { timeout: 30_000 }).toMatch(/取込済みです\(2件\)/);
    expect(await page.getByRole('button', { name: /件を取り込む/ }).isDisabled()).toBe(true);
    expect(await members()).toBe(before + 2);
  });
});
