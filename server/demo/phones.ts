import { normalisePhone } from '../../src/domain/phone.ts';
import type { Rng } from './random.ts';

/**
 * Phone numbers as a legacy POS or a paper sign-up form would have them: the
 * same mobile number typed with hyphens, without, in full-width digits, with
 * a long-vowel mark for a hyphen, or as +81. Import and 名寄せ code must treat
 * every spelling as one number, so the demo data carries them all.
 */
export const PHONE_STYLES = [
  'hyphen',
  'plain',
  'spaced',
  'full-width',
  'full-width-hyphen',
  'full-width-choon',
  'international',
  'international-hyphen',
] as const;
export type PhoneStyle = (typeof PHONE_STYLES)[number];

/** Roughly how often each spelling turns up in an old member list. */
const STYLE_WEIGHTS = [36, 28, 6, 8, 4, 3, 9, 6] as const;

const toFullWidth = (text: string): string => text.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));

/** `national` is 11 digits starting 070/080/090. */
export function formatPhone(national: string, style: PhoneStyle): string {
  const a = national.slice(0, 3);
  const b = national.slice(3, 7);
  const c = national.slice(7);
  switch (style) {
    case 'hyphen':
      return `${a}-${b}-${c}`;
    case 'plain':
      return national;
    case 'spaced':
      return `${a} ${b} ${c}`;
    case 'full-width':
      return toFullWidth(national);
    case 'full-width-hyphen':
      return toFullWidth(`${a}－${b}－${c}`); // U+FF0D, what a Japanese IME gives for "-"
    case 'full-width-choon':
      return toFullWidth(`${a}ー${b}ー${c}`); // U+30FC, the long-vowel mark typed as a dash
    case 'international':
      return `+81 ${a.slice(1)} ${b} ${c}`;
    case 'international-hyphen':
      return `+81-${a.slice(1)}-${b}-${c}`;
  }
}

export function pickPhoneStyle(rng: Rng, not?: PhoneStyle): PhoneStyle {
  for (;;) {
    const style = rng.weighted(PHONE_STYLES, STYLE_WEIGHTS);
    if (style !== not) return style;
  }
}

export interface DemoPhone {
  raw: string;
  e164: string;
  style: PhoneStyle;
}

/** Spells a number and normalises it; throws if the shared rule would reject it (a bug here, not in the data). */
export function spellPhone(national: string, style: PhoneStyle): DemoPhone {
  const raw = formatPhone(national, style);
  const e164 = normalisePhone(raw);
  if (e164 === null) throw new Error(`demo phone does not normalise: ${raw}`);
  return { raw, e164, style };
}

/**
 * A fresh mobile number (070/080/090, then a non-zero digit as the real
 * numbering plan requires), never one handed out before in this data set.
 */
export function newMobileNumber(rng: Rng, used: Set<string>): string {
  for (;;) {
    const prefix = rng.weighted(['090', '080', '070'], [50, 35, 15]);
    const national = `${prefix}${rng.int(1, 9)}${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
    if (!used.has(national)) {
      used.add(national);
      return national;
    }
  }
}
