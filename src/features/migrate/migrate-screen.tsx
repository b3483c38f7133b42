import { useTranslation } from 'react-i18next';
import { useOwnMigrations } from '../../db/index.ts';
import { BalanceStep } from './balance-step.tsx';
import { CardStep } from './card-step.tsx';
import { ConfirmStep } from './confirm-step.tsx';
import { MemberStep } from './member-step.tsx';
import { MigrationStatusText } from './migration-status-text.tsx';
import { OwnMigrations } from './own-migrations.tsx';
import { PhotoStep } from './photo-step.tsx';
import { useMigrateWizard, type MigrateWizard } from './use-migrate-wizard.ts';
import './migrate.css';

/** #/migrate: the paper card migration wizard, then this tablet's migrations and how each stands. */
export function MigrateScreen() {
  const { t } = useTranslation();
  const wizard = useMigrateWizard();
  return (
    <div className="migrate">
      <h2 className="panel__title">{t('migrate.title')}</h2>
      <p>{t('migrate.intro')}</p>
      {wizard.member && wizard.step !== 'member' ? (
        <p data-testid="migrate-member-chosen">
          {t('migrate.memberChosen', { name: wizard.member.name, memberNo: wizard.member.memberNo === '' ? t('migrate.provisionalNo') : wizard.member.memberNo })}
        </p>
      ) : null}
      <WizardStepView wizard={wizard} />
      <OwnMigrations />
    </div>
  );
}

function WizardStepView({ wizard }: { wizard: MigrateWizard }) {
  switch (wizard.step) {
    case 'member':
      return <MemberStep onChoose={wizard.chooseMember} />;
    case 'card':
      return <CardStep onCard={wizard.setCard} onBack={() => wizard.goTo('member')} />;
    case 'balance':
      return <BalanceStep onPoints={wizard.setPoints} onBack={() => wizard.goTo('card')} />;
    case 'photo':
      return <PhotoStep onPhoto={wizard.setPhoto} onBack={() => wizard.goTo('balance')} />;
    case 'confirm':
      return <ConfirmStep wizard={wizard} />;
    case 'done':
      return <DoneView wizard={wizard} />;
  }
}

/** The result of this run, live: pending until sync, then posted — or refused when another shop was first. */
function DoneView({ wizard }: { wizard: MigrateWizard }) {
  const { t } = useTranslation();
  const mine = useOwnMigrations()?.find((m) => m.record.cardNo === wizard.cardNo);
  return (
    <section className="panel form" data-testid="migrate-done">
      {mine ? <MigrationStatusText status={mine.status} testId="migrate-result" /> : null}
      <button type="button" className="button button--primary button--wide" data-testid="migrate-restart" onClick={wizard.restart}>
        {t('migrate.restart')}
      </button>
    </section>
  );
}
