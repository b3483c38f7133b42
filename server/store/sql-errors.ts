/**
 * PostgreSQL reports a value it cannot take (a NUL byte in text, a date out of
 * range, a malformed number) as SQLSTATE class 22, "data exception". Input
 * that passed validation can still hit one of these, and it is bad input, not
 * a server failure: the HTTP layer answers it with a 400 instead of a 500.
 */
export function isDataException(error: unknown): error is Error & { code: string } {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}
