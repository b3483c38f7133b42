/**
 * This feature's messages, Japanese first (the default; en must have the same
 * keys). Mounted under `card.` by src/app/i18n.
 */
export const cardJa = {
  title: '会員証',
} as const;

export const cardEn: Widen<typeof cardJa> = {
  title: 'Member card',
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
