import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/**
 * Normalise a phone number as typed at the counter or found in a legacy list
 * (full-width digits, hyphens, spaces, +81 or a leading 0) to E.164, so every
 * spelling of one number finds the same member. Returns null when it is not a
 * plausible Japanese (or explicitly international) number.
 */
export function normalisePhone(input: string): string | null {
  const ascii = input.normalize('NFKC').replace(/[\s\u2010-\u2015\u2212\u30fc-]/g, '');
  if (!/^\+?\d{6,15}$/.test(ascii)) return null;
  const parsed = parsePhoneNumberFromString(ascii, 'JP');
  return parsed?.isValid() ? parsed.number : null;
}
