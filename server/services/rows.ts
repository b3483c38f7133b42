/**
 * Row → document value conversions. Both drivers give Date for timestamptz and
 * number for bigint, but the demo loader or a future driver may hand strings:
 * these accept either, so a document never carries a raw driver value.
 */
export function isoTime(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' || typeof value === 'number') return new Date(value).toISOString();
  throw new TypeError(`not a time: ${String(value)}`);
}

export function int(value: unknown): number {
  const n = typeof value === 'bigint' ? Number(value) : Number(value);
  if (!Number.isSafeInteger(n)) throw new TypeError(`not a safe integer: ${String(value)}`);
  return n;
}

export function text(value: unknown): string {
  if (typeof value !== 'string') throw new TypeError(`not text: ${String(value)}`);
  return value;
}

/** Two time strings (or Dates) are the same instant, whatever offset they were written with. */
export function sameInstant(a: unknown, b: unknown): boolean {
  if (typeof a !== 'string' && !(a instanceof Date)) return false;
  if (typeof b !== 'string' && !(b instanceof Date)) return false;
  const ta = new Date(a).getTime();
  return !Number.isNaN(ta) && ta === new Date(b).getTime();
}

/**
 * A `date` column as `YYYY-MM-DD`. The drivers differ (a Date at UTC midnight
 * from PGlite, a string or a local-midnight Date from pg depending on parsers),
 * so a Date is read in UTC and a string is cut to its date.
 */
export function calendarDate(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
  throw new TypeError(`not a date: ${String(value)}`);
}

/** A `text[]` column (both drivers give an array; null means empty). */
export function textArray(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw new TypeError(`not a text array: ${JSON.stringify(value)}`);
  return value;
}

/** A `jsonb` column: parsed by both drivers, but accept its text too. */
export function jsonValue(value: unknown): unknown {
  return typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
}
