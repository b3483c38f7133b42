/** EAN-13 / JAN check digit: weights 1,3,1,3… over the first 12 digits. */
export function janCheckDigit(first12: string): number {
  if (!/^\d{12}$/.test(first12)) throw new RangeError(`need 12 digits, got "${first12}"`);
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

export function isValidJan(code: string): boolean {
  return /^\d{13}$/.test(code) && janCheckDigit(code.slice(0, 12)) === Number(code[12]);
}

export function withCheckDigit(first12: string): string {
  return `${first12}${janCheckDigit(first12)}`;
}
