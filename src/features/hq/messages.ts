/**
 * The HQ screens' messages, Japanese first (the default; en must have the same
 * keys). Mounted under `hq.` by src/app/i18n.
 */
export const hqJa = {
  title: '本部',
  merges: { title: '名寄せ' },
  imports: { title: '会員データ取込' },
} as const;

export const hqEn: Widen<typeof hqJa> = {
  title: 'HQ',
  merges: { title: 'Duplicate members' },
  imports: { title: 'Member import' },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
