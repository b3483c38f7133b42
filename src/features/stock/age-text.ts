import type { TFunction } from 'i18next';

/** "2分前" / "2 min ago": how old a stock figure is, from the ticking clock (src/app/use-now.ts). */
export function ageText(t: TFunction, iso: string, now: string): string {
  const ms = Date.parse(now) - Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return t('stock.ago.now');
  if (minutes < 60) return t('stock.ago.minutes', { count: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('stock.ago.hours', { count: hours });
  return t('stock.ago.days', { count: Math.floor(hours / 24) });
}
