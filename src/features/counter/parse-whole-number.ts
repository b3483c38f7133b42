/**
 * A whole number as typed on a tablet keyboard: full-width digits (１２００),
 * thousands separators and a yen/pt suffix are accepted; anything else —
 * decimals, signs, words — is null, never guessed.
 */
export function parseWholeNumber(input: string): number | null {
  const text = input
    .normalize('NFKC')
    .replace(/[\s,]/g, '')
    .replace(/^[¥￥]/, '')
    .replace(/(円|pt|ポイント)$/i, '');
  if (!/^\d+$/.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : null;
}
