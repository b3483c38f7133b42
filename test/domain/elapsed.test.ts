import { describe, expect, it } from 'vitest';
import { elapsedSince } from '../../src/domain/elapsed.ts';

describe('elapsedSince: the age of the oldest unsent write', () => {
  const now = '2026-12-04T12:00:00.000Z';

  it('reads in one unit: now, minutes, hours, then days (rounded down)', () => {
    expect(elapsedSince('2026-12-04T11:59:30.000Z', now)).toEqual({ unit: 'now' });
    expect(elapsedSince('2026-12-04T11:59:00.000Z', now)).toEqual({ unit: 'minutes', count: 1 });
    expect(elapsedSince('2026-12-04T11:00:01.000Z', now)).toEqual({ unit: 'minutes', count: 59 });
    expect(elapsedSince('2026-12-04T11:00:00.000Z', now)).toEqual({ unit: 'hours', count: 1 });
    expect(elapsedSince('2026-12-04T09:30:00.000Z', now)).toEqual({ unit: 'hours', count: 2 });
    expect(elapsedSince('2026-12-03T12:00:01.000Z', now)).toEqual({ unit: 'hours', count: 23 });
    expect(elapsedSince('2026-12-01T11:00:00.000Z', now)).toEqual({ unit: 'days', count: 3 });
  });

  it('treats a time ahead of the clock as now and an unreadable one as unknown', () => {
    expect(elapsedSince('2026-12-04T12:05:00.000Z', now)).toEqual({ unit: 'now' });
    expect(elapsedSince('not a time', now)).toBeNull();
  });
});
