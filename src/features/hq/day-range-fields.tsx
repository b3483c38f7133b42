import { useTranslation } from 'react-i18next';

interface DayRangeFieldsProps {
  /** data-testid prefix: `<prefix>-from`, `<prefix>-to`. */
  testIdPrefix: string;
  from: string;
  to: string;
  onFrom: (day: string) => void;
  onTo: (day: string) => void;
}

/** First and last day (JST, both included) of a campaign or a bonus rule. */
export function DayRangeFields({ testIdPrefix, from, to, onFrom, onTo }: DayRangeFieldsProps) {
  const { t } = useTranslation();
  return (
    <div className="campaign-form__dates">
      <label className="field">
        <span className="field__label">{t('hqCampaigns.form.from')}</span>
        <input className="input" data-testid={`${testIdPrefix}-from`} type="date" value={from} onChange={(e) => onFrom(e.target.value)} required />
      </label>
      <label className="field">
        <span className="field__label">{t('hqCampaigns.form.to')}</span>
        <input className="input" data-testid={`${testIdPrefix}-to`} type="date" value={to} onChange={(e) => onTo(e.target.value)} required />
      </label>
    </div>
  );
}
