import { useTranslation } from 'react-i18next';

export function MigrateScreen() {
  const { t } = useTranslation();
  return <h2 className="panel__title">{t('migrate.title')}</h2>;
}
