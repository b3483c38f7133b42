import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { usePointsPolicy } from '../../db/index.ts';
import { parseWholeNumber } from '../counter/parse-whole-number.ts';

/** Step 3: the balance written or stamped on the card, as the clerk reads it. */
export function BalanceStep({ onPoints, onBack }: { onPoints: (points: number) => void; onBack: () => void }) {
  const { t } = useTranslation();
  const policy = usePointsPolicy();
  const [typed, setTyped] = useState('');
  const [invalid, setInvalid] = useState(false);

  function submit(event: FormEvent): void {
    event.preventDefault();
    const points = parseWholeNumber(typed);
    if (points === null || points <= 0) return setInvalid(true);
    onPoints(points);
  }

  const threshold = policy?.migration.approvalThresholdPoints;
  return (
    <form className="panel form" onSubmit={submit} noValidate>
      <h3 className="panel__title">{t('migrate.stepBalance')}</h3>
      <label className="field">
        <span className="field__label">{t('migrate.balance')}</span>
        <input className="input input--number" data-testid="migrate-points" value={typed} onChange={(event) => {
          setTyped(event.target.value);
          setInvalid(false);
        }} inputMode="numeric" autoComplete="off" enterKeyHint="next" />
      </label>
      {threshold === undefined ? null : <p className="field__label">{t('migrate.approvalNote', { threshold })}</p>}
      <p className="message message--error" aria-live="polite">{invalid ? t('migrate.balanceInvalid') : ''}</p>
      <button type="submit" className="button button--primary button--wide" data-testid="migrate-points-next">{t('migrate.next')}</button>
      <button type="button" className="button" onClick={onBack}>{t('migrate.back')}</button>
    </form>
  );
}
