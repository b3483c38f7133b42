import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BonusRulePutRequest } from '../../protocol/index.ts';
import type { HqBonusRule } from './bonus-rule-api.ts';
import { DayRangeFields } from './day-range-fields.tsx';

interface Props {
  /** The rule being edited; null for a new one. */
  editing: HqBonusRule | null;
  busy: boolean;
  today: string;
  onSave: (id: string, rule: BonusRulePutRequest) => Promise<boolean>;
  onDone: () => void;
}

/** Made once per new form: a save retried after a network failure replaces the same rule instead of adding a second. */
function newRuleId(): string {
  return `bonus-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

/** Create or edit one first-EC-purchase bonus: name, points, days. The server checks every field. */
export function BonusRuleForm({ editing, busy, today, onSave, onDone }: Props) {
  const { t } = useTranslation();
  const [id] = useState(() => editing?.id ?? newRuleId());
  const [name, setName] = useState(editing?.name ?? '');
  const [points, setPoints] = useState(String(editing?.points ?? 500));
  const [from, setFrom] = useState(editing?.from ?? today);
  const [to, setTo] = useState(editing?.to ?? today);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void onSave(id, { name, kind: 'first-ec-purchase', points: Number(points), from, to }).then((saved) => {
      if (saved) onDone();
    });
  };

  return (
    <form className="form panel campaign-form" onSubmit={submit} data-testid="bonus-rule-form">
      <h3>{editing ? t('hqBonusRules.form.editTitle') : t('hqBonusRules.form.newTitle')}</h3>
      <label className="field">
        <span className="field__label">{t('hqCampaigns.form.name')}</span>
        <input className="input" data-testid="bonus-rule-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required />
      </label>
      <label className="field">
        <span className="field__label">{t('hqBonusRules.form.points')}</span>
        <input className="input input--number" data-testid="bonus-rule-points" type="number" min={1} max={100000} step={1} value={points} onChange={(e) => setPoints(e.target.value)} required />
      </label>
      <DayRangeFields testIdPrefix="bonus-rule" from={from} to={to} onFrom={setFrom} onTo={setTo} />
      <div className="campaign-form__actions">
        <button type="submit" className="button button--primary" data-testid="bonus-rule-save" disabled={busy}>
          {busy ? t('hqCampaigns.form.saving') : t('hqCampaigns.form.save')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('hqCampaigns.form.cancel')}
        </button>
      </div>
    </form>
  );
}
