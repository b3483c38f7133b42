import { useTranslation } from 'react-i18next';
import { useInAppBack } from './use-in-app-back.ts';

/** The back control an installed app needs: standalone display shows no browser toolbar. */
export function BackButton() {
  const { t } = useTranslation();
  const { canGoBack, goBack } = useInAppBack();
  if (!canGoBack) return null;
  return (
    <button type="button" className="header__back" data-testid="nav-back" aria-label={t('nav.backLabel')} onClick={goBack}>
      <span aria-hidden="true">‹</span> {t('nav.back')}
    </button>
  );
}
