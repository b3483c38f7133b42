import { useTranslation } from 'react-i18next';

export function CardScreen() {
  const { t } = useTranslation();
  return <h2 className="panel__title">{t('card.title')}</h2>;
}
