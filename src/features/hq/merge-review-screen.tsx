import { useTranslation } from 'react-i18next';

export function MergeReviewScreen() {
  const { t } = useTranslation();
  return <h2 className="panel__title">{t('hq.merges.title')}</h2>;
}
