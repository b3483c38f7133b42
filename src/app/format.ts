/** Display formatting that follows the UI language. */

function locale(language: string): string {
  return language === 'en' ? 'en-GB' : 'ja-JP';
}

/**
 * "10:32" today, "11/21 10:32" on another day, "2025/11/21 10:32" in another
 * year: a clerk cares whether it was today, and a date without its year
 * reads as this year's.
 */
export function formatTime(iso: string, language: string, now: Date = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const sameDay = date.toDateString() === now.toDateString();
  const sameYear = date.getFullYear() === now.getFullYear();
  return new Intl.DateTimeFormat(locale(language), {
    ...(sameYear ? {} : { year: 'numeric' }),
    ...(sameDay ? {} : { month: 'numeric', day: 'numeric' }),
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

/** Full date and time, for things that are not about today (when a tablet was enrolled). */
export function formatDateTime(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(language), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(locale(language)).format(value);
}

/** "+120" / "−30": the sign says which way the balance moved. */
export function formatSigned(value: number, language: string): string {
  const magnitude = formatNumber(Math.abs(value), language);
  if (value > 0) return `+${magnitude}`;
  if (value < 0) return `−${magnitude}`;
  return magnitude;
}

/**
 * A calendar day (`YYYY-MM-DD`, a JST day from the ledger) as "12/31" or
 * "31 Dec". Formatted in UTC from its own digits: converting through the
 * tablet's timezone could show the day before.
 */
export function formatDay(date: string, language: string): string {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms)) return date;
  const options: Intl.DateTimeFormatOptions =
    language === 'en' ? { day: 'numeric', month: 'short', timeZone: 'UTC' } : { month: 'numeric', day: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale(language), options).format(ms);
}
