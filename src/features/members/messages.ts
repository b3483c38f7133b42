/**
 * This feature's messages, Japanese first (the default; en must have the same
 * keys). Mounted under `register.` by src/app/i18n.
 */
export const registerJa = {
  title: '会員登録',
} as const;

export const registerEn: Widen<typeof registerJa> = {
  title: 'Register',
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
