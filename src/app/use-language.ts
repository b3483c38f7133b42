import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage, rememberLanguage, type Language } from './i18n/i18n.ts';

/** The UI language and a setter that also remembers it on this tablet. */
export function useLanguage(): [Language, (language: Language) => void] {
  const { i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'ja';
  const setLanguage = useCallback(
    (next: Language) => {
      rememberLanguage(next);
      void i18n.changeLanguage(next);
    },
    [i18n],
  );
  return [language, setLanguage];
}
