import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS } from '../../protocol/index.ts';
import { NO_FILTERS, type AuditFilters } from './audit-api.ts';

const TEXT_FILTERS = ['staffId', 'memberId', 'shopId', 'deviceId'] as const;

/** The search form; its fields start from the filters of the results shown. */
export function AuditFilterForm({ initial, busy, onSearch }: { initial: AuditFilters; busy: boolean; onSearch: (filters: AuditFilters) => void }) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<AuditFilters>(initial);
  const set = (key: keyof AuditFilters, value: string) => setFilters((current) => ({ ...current, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(filters);
  };
  return (
    <form className="form panel audit__filters" onSubmit={submit} data-testid="audit-filters">
      {TEXT_FILTERS.map((key) => (
        <label key={key} className="field">
          <span className="field__label">{t(`audit.filters.${key}`)}</span>
          <input className="input" name={key} autoComplete="off" value={filters[key]} onChange={(e) => set(key, e.target.value)} />
        </label>
      ))}
      <label className="field">
        <span className="field__label">{t('audit.filters.action')}</span>
        <select className="input" name="action" value={filters.action} onChange={(e) => set('action', e.target.value)}>
          <option value="">{t('audit.filters.anyAction')}</option>
          {AUDIT_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {t(`audit.actions.${action}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">{t('audit.filters.from')}</span>
        <input className="input" type="datetime-local" name="from" value={filters.from} onChange={(e) => set('from', e.target.value)} />
      </label>
      <label className="field">
        <span className="field__label">{t('audit.filters.to')}</span>
        <input className="input" type="datetime-local" name="to" value={filters.to} onChange={(e) => set('to', e.target.value)} />
      </label>
      <div className="audit__buttons">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('audit.filters.searching') : t('audit.filters.search')}
        </button>
        <button type="button" className="button" onClick={() => onSearch(NO_FILTERS)}>
          {t('audit.filters.clear')}
        </button>
      </div>
    </form>
  );
}
