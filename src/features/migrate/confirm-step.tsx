import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { usePointsPolicy } from '../../db/index.ts';
import { ApprovalDialog } from '../../staff/approval-dialog.tsx';
import type { MigrateWizard } from './use-migrate-wizard.ts';

/**
 * Step 5: the clerk checks and confirms. Above the policy's threshold a
 * manager of this shop approves with their own PIN in the approval dialog
 * (issue 6), and the migration's audit event names them.
 */
export function ConfirmStep({ wizard }: { wizard: MigrateWizard }) {
  const { t } = useTranslation();
  const policy = usePointsPolicy();
  const [asking, setAsking] = useState(false);
  const needsPin = policy !== undefined && wizard.points > policy.migration.approvalThresholdPoints;
  const { member } = wizard;

  function submit(event: FormEvent): void {
    event.preventDefault();
    if (needsPin) setAsking(true);
    else void wizard.confirm();
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
      {needsPin ? <p className="field__label" data-testid="migrate-needs-approval">{t('migrate.managerPin')}</p> : null}
      {asking ? (
        <ApprovalDialog
          action="migration"
          onCancel={() => setAsking(false)}
          onApproved={(approval) => {
            setAsking(false);
            void wizard.confirm(approval);
          }}
        />
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
