import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { usePointsPolicy } from '../../db/index.ts';
import type { MigrateWizard } from './use-migrate-wizard.ts';

/**
 * Step 5: the clerk checks and confirms. Above the policy's threshold a
 * manager types their PIN here (checked offline by the named operation).
 * Staff accounts come in a later issue; then the approval names the manager
 * instead of proving only that one was at the counter.
 */
export function ConfirmStep({ wizard }: { wizard: MigrateWizard }) {
  const { t } = useTranslation();
  const policy = usePointsPolicy();
  const [pin, setPin] = useState('');
  const needsPin = policy !== undefined && wizard.points > policy.migration.approvalThresholdPoints;
  const { member } = wizard;

  function submit(event: FormEvent): void {
    event.preventDefault();
    void wizard.confirm(needsPin ? pin : '');
  }

  return (
    <form className="panel form" onSubmit={submit} noValidate data-testid="migrate-confirm-step">
      <h3 className="panel__title">{t('migrate.stepConfirm')}: {t('migrate.confirmTitle')}</h3>
      <dl className="migrate__summary">
        <dt>{t('migrate.confirmMember')}</dt>
        <dd>{member ? `${member.name} (${member.memberNo === '' ? t('migrate.provisionalNo') : member.memberNo})` : ''}</dd>
        <dt>{t('migrate.confirmCard')}</dt>
        <dd data-testid="migrate-confirm-card">{wizard.cardNo}</dd>
        <dt>{t('migrate.confirmPoints')}</dt>
        <dd data-testid="migrate-confirm-points">{wizard.points.toLocaleString()}</dd>
        <dt>{t('migrate.confirmPhoto')}</dt>
        <dd>{wizard.photo === '' ? t('migrate.photoNo') : t('migrate.photoYes')}</dd>
      </dl>
      {needsPin ? (
        <label className="field">
          <span className="field__label">{t('migrate.managerPin')}</span>
          <input className="input input--code" type="password" data-testid="migrate-pin" value={pin}
            onChange={(event) => setPin(event.target.value)} inputMode="numeric" autoComplete="off" />
        </label>
      ) : null}
      <p className="message message--error" data-testid="migrate-failure" data-reason={wizard.failure ?? undefined} aria-live="polite">
        {wizard.failure ? t(`migrate.failure.${wizard.failure}`) : ''}
      </p>
      <button type="submit" className="button button--primary button--wide" data-testid="migrate-confirm" disabled={wizard.busy}>
        {t('migrate.confirm')}
      </button>
      <button type="button" className="button" onClick={() => wizard.goTo('photo')}>{t('migrate.back')}</button>
    </form>
  );
}
