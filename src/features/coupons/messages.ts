/**
 * The counter's coupon panel (issue 10), Japanese first (the default; en must
 * have the same keys). Mounted under `coupons.` by src/app/i18n.
 */
export const couponsJa = {
  title: 'クーポン',
  kind: {
    'ec-free-shipping': 'EC送料無料クーポン',
    'shop-bonus-points': '店頭ボーナスポイント {{points}}pt',
  },
  until: '{{day}}まで',
  use: '使う',
  usedHere: '使用済み（この店舗）',
  refused: '使えませんでした: {{channel}}で{{at}}に使用済みです',
  refusedExpired: '使えませんでした: 有効期限切れです',
  channel: { ec: 'EC', store: '店舗' },
  failed: {
    'not-enrolled': 'この端末は登録されていません。',
    'not-found': 'クーポンが見つかりません。',
    'already-used': 'このクーポンは使用済みです。',
    expired: 'このクーポンは有効期限切れです。',
    'storage-error': 'クーポンを使えませんでした。もう一度お試しください。',
  },
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const couponsEn: Widen<typeof couponsJa> = {
  title: 'Coupons',
  kind: {
    'ec-free-shipping': 'EC free shipping',
    'shop-bonus-points': 'In-shop bonus {{points}} pt',
  },
  until: 'until {{day}}',
  use: 'Use',
  usedHere: 'Used (this shop)',
  refused: 'Not accepted: already used on {{channel}} at {{at}}',
  refusedExpired: 'Not accepted: the coupon had expired',
  channel: { ec: 'EC', store: 'a shop' },
  failed: {
    'not-enrolled': 'This tablet is not enrolled.',
    'not-found': 'The coupon was not found.',
    'already-used': 'This coupon has been used.',
    expired: 'This coupon has expired.',
    'storage-error': 'The coupon could not be used. Please try again.',
  },
};
