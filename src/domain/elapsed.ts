/** How long ago something happened, in the one unit a person reads at a glance. */
export type Elapsed =
  | { unit: 'now' }
  | { unit: 'minutes' | 'hours' | 'days'; count: number };

/**
 * Whole minutes under an hour, whole hours under a day, then days; under a
 * minute is "now". A time in the future (another device's clock ahead) is
 * "now" too, never a negative age. Null when either time does not parse.
 */
export function elapsedSince(fromIso: string, nowIso: string): Elapsed | null {
  const ms = Date.parse(nowIso) - Date.parse(fromIso);
  if (Number.isNaN(ms)) return null;
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return { unit: 'now' };
  if (minutes < 60) return { unit: 'minutes', count: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { unit: 'hours', count: hours };
  return { unit: 'days', count: Math.floor(hours / 24) };
}
