import { describe, expect, it } from 'vitest';
import { addDays, addMonths, endOfDay, jstDate } from '../../../src/domain/ledger/index.ts';

describe('addMonths clamps to the end of shorter months', () => {
  it.each([
    ['2026-01-15', 1, '2026-02-15'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-08-31', 1, '2026-09-30'],
    ['2026-12-31', 2, '2027-02-28'],
    ['2028-02-29', 12, '2029-02-28'],
    ['2028-02-29', 48, '2032-02-29'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-05-31', 12, '2027-05-31'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2027-03-01', -12, '2026-03-01'],
    ['2026-01-10', 0, '2026-01-10'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('refuses dates that do not exist and fractional months', () => {
    expect(() => addMonths('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addMonths('2026-1-5', 1)).toThrow(RangeError);
    expect(() => addMonths('2026-01-05', 1.5)).toThrow(RangeError);
  });
});

describe('Japan days', () => {
  it.each([
    ['2026-03-31T14:59:59.999Z', '2026-03-31'],
    ['2026-03-31T15:00:00.000Z', '2026-04-01'],
    ['2026-04-01T00:30:00+09:00', '2026-04-01'],
    ['2026-03-31T23:59:00-08:00', '2026-04-01'],
  ])('%s falls on %s in Japan', (time, day) => {
    expect(jstDate(time)).toBe(day);
  });

  it('ends a day at midnight JST', () => {
    expect(new Date(endOfDay('2026-02-28')).toISOString()).toBe('2026-02-28T15:00:00.000Z');
  });

  it.each([
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
  ])('%s + %i days = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});
