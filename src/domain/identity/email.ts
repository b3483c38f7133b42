// One @, something before it, a dotted domain with no empty labels, no spaces.
// Deliberately loose: it keeps typos such as "taro@gmail" out of lookup and
// 名寄せ, not to validate deliverability (only a verification mail does that).
const PLAUSIBLE_EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

/**
 * Normalise an e-mail address as typed at the counter (full-width characters,
 * stray spaces, capitals from the phone keyboard) so every spelling of one
 * address finds the same member. Returns null when it is not plausibly an
 * e-mail address.
 */
export function normaliseEmail(input: string): string | null {
  const email = input.trim().normalize('NFKC').trim().toLowerCase();
  return PLAUSIBLE_EMAIL.test(email) ? email : null;
}
