import type { Tablet } from './tablet.ts';

export interface RegistrationEntry {
  name: string;
  nameKana: string;
  phone: string;
  email?: string;
  marketing?: boolean;
}

/** Opens the registration screen (a hash route: no network needed) and registers a member as a clerk would. */
export async function registerAtCounter(tablet: Tablet, entry: RegistrationEntry): Promise<void> {
  const { page } = tablet;
  await page.evaluate(() => {
    window.location.hash = '#/register';
  });
  await page.getByTestId('register-name').fill(entry.name);
  await page.getByTestId('register-nameKana').fill(entry.nameKana);
  await page.getByTestId('register-phone').fill(entry.phone);
  await page.getByTestId('register-email').fill(entry.email ?? '');
  await page.getByTestId('register-consentTerms').check();
  if (entry.marketing) await page.getByTestId('register-consentMarketing').check();
  await page.getByTestId('register-submit').click();
}

/** The member number the counter shows, or null while it is provisional (or no member is shown). */
export async function shownMemberNo(tablet: Tablet): Promise<string | null> {
  const number = tablet.page.getByTestId('member-no');
  return (await number.count()) > 0 ? number.textContent() : null;
}
