/**
 * This feature's messages, Japanese first (the default; en must have the same
 * keys). Mounted under `migrate.` by src/app/i18n.
 */
export const migrateJa = {
  title: 'カード移行',
} as const;

export const migrateEn: Widen<typeof migrateJa> = {
  title: 'Card migration',
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
