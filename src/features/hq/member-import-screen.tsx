import { useTranslation } from 'react-i18next';

export function MemberImportScreen() {
  const { t } = useTranslation();
  return <h2 className="panel__title">{t('hq.imports.title')}</h2>;
}
