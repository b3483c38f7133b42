import { useTranslation } from 'react-i18next';
import { LANGUAGES } from './i18n/i18n.ts';
import { useLanguage } from './use-language.ts';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const [language, setLanguage] = useLanguage();
  return (
    <div className="lang" role="group" aria-label={t('lang.label')}>
      {LANGUAGES.map((code) => (
        <button
          key={code}
          type="button"
          className="lang__button"
          data-testid={`lang-${code}`}
          aria-pressed={language === code}
          lang={code}
          onClick={() => setLanguage(code)}
        >
          {t(`lang.${code}`)}
        </button>
      ))}
    </div>
  );
}
