import { addDays, jstDate } from '../../domain/ledger/index.ts';

/** The dashboard's period presets; `custom` is whatever from/to the user typed. */
export const KPI_PRESETS = ['last30', 'last90', 'last12m', 'thisMonth', 'custom'] as const;
export type KpiPreset = (typeof KPI_PRESETS)[number];

/** A preset's JST days, both ends included, ending today (JST, like the server's days). */
export function presetPeriod(preset: Exclude<KpiPreset, 'custom'>, now = Date.now()): { from: string; to: string } {
  const today = jstDate(now);
  switch (preset) {
    case 'last30':
      return { from: addDays(today, -29), to: today };
    case 'last90':
      return { from: addDays(today, -89), to: today };
    case 'last12m':
      return { from: addDays(today, -364), to: today };
    case 'thisMonth':
      return { from: `${today.slice(0, 7)}-01`, to: today };
  }
}
