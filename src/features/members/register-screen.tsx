import { useTranslation } from 'react-i18next';

export function RegisterScreen() {
  const { t } = useTranslation();
  return <h2 className="panel__title">{t('register.title')}</h2>;
}
