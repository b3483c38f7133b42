import type { TFunction } from 'i18next';
import { elapsedSince } from '../domain/elapsed.ts';

/**
 * "未送信 3件・最古 2時間前" / "3 unsent · oldest 2 h ago": how many of this
 * tablet's writes have not left it, and for how long the oldest has been the
 * only copy. Null when nothing is unsent.
 */
export function pendingText(t: TFunction, count: number, oldestAt: string | null, now: string): string | null {
  if (count === 0) return null;
  const age = oldestAt === null ? null : elapsedSince(oldestAt, now);
  if (age === null) return t('sync.pending', { count });
  const ageText = age.unit === 'now' ? t('sync.age.now') : t(`sync.age.${age.unit}`, { count: age.count });
  return t('sync.pendingAge', { count, age: ageText });
}
