// Kana is converted by code-point offset rather than with wanakana: the fold
// needs only hiragana → katakana (a fixed +0x60 shift) and NFKC does the
// half-width part, while wanakana would also turn romaji into kana, which a
// name field must not do ("kanda" typed in Latin letters is not カンダ).
const HIRAGANA = /[\u3041-\u3096\u309d\u309e]/g;
const HIRAGANA_TO_KATAKANA = 0x60;

// After NFKC: spaces of every width (U+3000 included in \s), and the middle
// dots clerks put between family and given names (・, and · from Latin input).
const SEPARATORS = /[\s\u30fb\u00b7]/g;

// Dashes that stand in for the long-vowel mark when typed on a PC or pasted
// from Excel: - ‐ ‑ ‒ – — ― − ─ ━ (－ and ｰ become - and ー under NFKC).
// Only after kana, so digits and Latin in the same field keep their hyphens.
const KANA_THEN_DASHES = /([\u30a1-\u30fa\u30fc])([-\u2010-\u2015\u2212\u2500\u2501]+)/g;

/**
 * Fold a kana name as typed at the counter or found in a legacy list so that
 * every common spelling of one name compares equal: ｶﾝﾀﾞ ﾀﾛｳ, かんだ たろう
 * (with any space, U+3000 too) and カンダ・タロウ all fold to カンダタロウ. Used for lookup and for 名寄せ review;
 * it is deliberately lossy (no spaces) and never shown to anyone.
 */
export function foldKana(input: string): string {
  return input
    .normalize('NFKC')
    .replace(HIRAGANA, (ch) => String.fromCharCode(ch.charCodeAt(0) + HIRAGANA_TO_KATAKANA))
    .replace(SEPARATORS, '')
    .replace(KANA_THEN_DASHES, (_, kana: string, dashes: string) => kana + 'ー'.repeat(dashes.length));
}
