import type { CalendarDate, IsoTime } from './types.ts';

/**
 * Calendar arithmetic on Japan's calendar. Expiry dates, visit days and
 * campaign days are JST days whatever the clock of the machine running the
 * rules: a tablet and the server must agree on which day 23:30 JST is.
 * Japan has no daylight saving time, so a fixed +09:00 offset is exact.
 */
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Milliseconds since the epoch; throws on a string that is not a time, rather than comparing NaN. */
export function toMs(time: IsoTime): number {
  const ms = Date.parse(time);
  if (Number.isNaN(ms)) throw new RangeError(`not a time: "${time}"`);
  return ms;
}

export function toIso(ms: number): IsoTime {
  return new Date(ms).toISOString();
}

function parseDate(date: CalendarDate): { y: number; m: number; d: number } {
  const match = DATE.exec(date);
  if (!match) throw new RangeError(`not a calendar date: "${date}"`);
  const [, y, m, d] = match;
  const parts = { y: Number(y), m: Number(m), d: Number(d) };
  if (parts.m < 1 || parts.m > 12 || parts.d < 1 || parts.d > daysInMonth(parts.y, parts.m)) {
    throw new RangeError(`not a calendar date: "${date}"`);
  }
  return parts;
}

function formatDate(y: number, m: number, d: number): CalendarDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Days in month `m` (1–12) of year `y`, leap years included. */
export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The JST day an instant falls on. */
export function jstDate(time: IsoTime | number): CalendarDate {
  const ms = typeof time === 'number' ? time : toMs(time);
  return new Date(ms + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * Calendar months with the day clamped to the end of a shorter month:
 * Jan 31 + 1 month = Feb 28 (Feb 29 in a leap year), Aug 31 + 1 = Sep 30.
 * Overflowing into the next month instead (Jan 31 + 1 = Mar 3) would expire
 * points after the month the member was promised; clamping never does. The
 * same rule as date-fns addMonths and java.time plusMonths. It is not
 * reversible (Feb 28 + 1 month = Mar 28), which no rule here needs.
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  if (!Number.isInteger(months)) throw new RangeError('months must be an integer');
  const { y, m, d } = parseDate(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return formatDate(year, month, Math.min(d, daysInMonth(year, month)));
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const { y, m, d } = parseDate(date);
  const ms = Date.UTC(y, m - 1, d + days);
  return new Date(ms).toISOString().slice(0, 10);
}

/** The instant a JST day begins (00:00 JST). */
export function startOfDay(date: CalendarDate): number {
  const { y, m, d } = parseDate(date);
  return Date.UTC(y, m - 1, d) - JST_OFFSET_MS;
}

/** The instant a JST day ends: 00:00 JST of the next day, exclusive. */
export function endOfDay(date: CalendarDate): number {
  return startOfDay(date) + DAY_MS;
}
