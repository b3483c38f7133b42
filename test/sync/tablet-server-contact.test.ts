import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createContactRecorder } from '../../src/sync/server-contact.ts';

/** The offline lease's contact time: saved on the first answer, then at most once a minute, and again if the clock went back. */
describe('createContactRecorder', () => {
  const start = new Date('2026-12-04T09:00:00Z');
  let saved: string[];
  let contacted: () => void;

  beforeEach(() => {
    vi.useFakeTimers({ now: start });
    saved = [];
    contacted = createContactRecorder((at) => {
      saved.push(at.toISOString());
      return Promise.resolve();
    });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('saves the first contact at once, skips repeats within a minute, saves again after it', () => {
    contacted();
    vi.advanceTimersByTime(59_000);
    contacted();
    vi.advanceTimersByTime(1_000);
    contacted();
    expect(saved).toEqual(['2026-12-04T09:00:00.000Z', '2026-12-04T09:01:00.000Z']);
  });

  it('saves when the clock was moved backwards, so a lease never runs from a future contact', () => {
    contacted();
    vi.setSystemTime(new Date('2026-12-04T08:00:00Z'));
    contacted();
    expect(saved).toEqual(['2026-12-04T09:00:00.000Z', '2026-12-04T08:00:00.000Z']);
  });

  it('a failed save is logged, not thrown into the sync handler', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const failing = createContactRecorder(() => Promise.reject(new Error('quota')));
    expect(() => failing()).not.toThrow();
    await vi.waitFor(() => expect(warn).toHaveBeenCalledOnce());
    warn.mockRestore();
  });
});
