/**
 * Every demo timestamp is an offset back from one fixed instant, never the
 * wall clock: the data must be identical whenever it is generated, and "the
 * past twelve months" must not drift as the calendar moves on.
 */
export const DEMO_BASE_TIME = '2026-01-01T00:00:00.000Z';
export const BASE_MS = Date.parse(DEMO_BASE_TIME);

export const SECOND_MS = 1000;
export const HOUR_MS = 3600 * SECOND_MS;
export const DAY_MS = 24 * HOUR_MS;
export const YEAR_MS = 365 * DAY_MS;

/** Japan has no daylight saving: shop hours in UTC are a fixed shift. */
export const JST_OFFSET_MS = 9 * HOUR_MS;

export const isoAt = (ms: number): string => new Date(ms).toISOString();
