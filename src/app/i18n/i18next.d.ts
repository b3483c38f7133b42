import type { ja } from './ja.ts';

// Type-checked keys: t('counter.earnSubmit') compiles, a typo does not.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof ja };
  }
}
