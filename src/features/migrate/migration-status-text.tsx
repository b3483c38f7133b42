import { useTranslation } from 'react-i18next';
import type { MigrationStatus } from '../../db/index.ts';

/** Where a migration stands, in words a clerk acts on; `data-state` for tests and styling. */
export function MigrationStatusText({ status, testId }: { status: MigrationStatus; testId?: string }) {
  const { t } = useTranslation();
  const text =
    status.state === 'posted'
      ? t('migrate.status.posted', { points: status.entry.points.toLocaleString() })
      : status.state === 'refused'
        ? t('migrate.status.refused')
        : t('migrate.status.pending');
  const tone = status.state === 'posted' ? 'success' : status.state === 'refused' ? 'error' : 'info';
  return (
    <p className={`message message--${tone}`} data-testid={testId} data-state={status.state} aria-live="polite">
      {text}
    </p>
  );
}
