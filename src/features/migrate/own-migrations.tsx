import { useTranslation } from 'react-i18next';
import { useOwnMigrations } from '../../db/index.ts';
import { MigrationStatusText } from './migration-status-text.tsx';

/**
 * This tablet's migrations with their live status. A migration another shop
 * made first is refused when this tablet syncs, perhaps long after the
 * customer left: the clerk sees it here, on the card's own row.
 */
export function OwnMigrations() {
  const { t } = useTranslation();
  const migrations = useOwnMigrations();
  if (!migrations) return null;
  return (
    <section className="panel" aria-labelledby="migrate-own-title">
      <h3 className="panel__title" id="migrate-own-title">{t('migrate.ownTitle')}</h3>
      {migrations.length === 0 ? <p>{t('migrate.ownEmpty')}</p> : null}
      <ul className="migrate__own">
        {migrations.map(({ record, status }) => (
          <li key={record.cardNo} data-testid="migrate-own-row" data-card-no={record.cardNo} data-state={status.state}>
            <span>{t('migrate.ownRow', { cardNo: record.cardNo, points: record.points.toLocaleString() })}</span>
            <MigrationStatusText status={status} />
          </li>
        ))}
      </ul>
    </section>
  );
}
