import { useTranslation } from 'react-i18next';
import { KPI_MAX_DAYS, kpiPeriodDays } from '../../protocol/index.ts';
import type { Shop } from './device-api.ts';
import type { KpiFilter } from './kpi-api.ts';
import { KPI_PRESETS, type KpiPreset } from './kpi-period.ts';

export interface KpiFiltersProps {
  preset: KpiPreset;
  filter: KpiFilter;
  shops: readonly Shop[];
  onPreset: (preset: KpiPreset) => void;
  onChange: (change: Partial<KpiFilter>) => void;
}

/** Period (a preset or from/to), shop and channel. A period the server would refuse is said here, before asking. */
export function KpiFilters({ preset, filter, shops, onPreset, onChange }: KpiFiltersProps) {
  const { t } = useTranslation();
  const invalid = filter.from > filter.to ? t('kpi.filters.fromAfterTo') : kpiPeriodDays(filter.from, filter.to) > KPI_MAX_DAYS ? t('kpi.filters.tooLong', { days: KPI_MAX_DAYS }) : null;
  return (
    <div className="kpi-filters">
      <label className="field">
        <span className="field__label">{t('kpi.filters.period')}</span>
        <select className="input" data-testid="kpi-preset" value={preset} onChange={(e) => onPreset(e.target.value as KpiPreset)}>
          {KPI_PRESETS.map((p) => (
            <option key={p} value={p}>
              {t(`kpi.presets.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">{t('kpi.filters.from')}</span>
        <input className="input" type="date" required value={filter.from} onChange={(e) => e.target.value !== '' && onChange({ from: e.target.value })} />
      </label>
      <label className="field">
        <span className="field__label">{t('kpi.filters.to')}</span>
        <input className="input" type="date" required value={filter.to} onChange={(e) => e.target.value !== '' && onChange({ to: e.target.value })} />
      </label>
      <label className="field">
        <span className="field__label">{t('kpi.filters.shop')}</span>
        <select className="input" data-testid="kpi-shop" value={filter.shopId} onChange={(e) => onChange({ shopId: e.target.value })}>
          <option value="">{t('kpi.filters.allShops')}</option>
          {shops.map((shop) => (
            <option key={shop.id} value={shop.id}>
              {shop.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">{t('kpi.filters.channel')}</span>
        <select className="input" data-testid="kpi-channel" value={filter.channel} onChange={(e) => onChange({ channel: e.target.value as KpiFilter['channel'] })}>
          <option value="">{t('kpi.filters.allChannels')}</option>
          <option value="store">{t('kpi.channels.store')}</option>
          <option value="ec">{t('kpi.channels.ec')}</option>
        </select>
      </label>
      {invalid ? (
        <p className="message message--error" role="alert">
          {invalid}
        </p>
      ) : null}
    </div>
  );
}
