/**
 * Counter messages of the online member lookup (issue 6: a tablet holds only
 * its shop's members; anyone else is asked of the server). Spread into the
 * counter's `message.` keys by src/app/i18n, so CounterMessage can name them.
 */
export const memberLookupMessagesJa = {
  searchingOnline: 'この端末にはいない会員です。サーバーで全店の会員を検索しています…',
  notOnTablet: 'この端末にはいない会員です。全店の会員を検索するには、ネットワークに接続してからもう一度検索してください。',
  memberNotFoundOnline: '会員が見つかりません（全店の会員を検索しました）。番号をもう一度確かめてください。',
  onlineLookupFailed: 'サーバーで会員を検索できませんでした。しばらくしてからもう一度お試しください。',
  offlineSearchHint: 'オフライン中: この店舗の会員と、最近オンラインで呼び出した会員だけを検索できます。',
} as const;

export const memberLookupMessagesEn: Record<keyof typeof memberLookupMessagesJa, string> = {
  searchingOnline: 'Not on this tablet. Searching all members online…',
  notOnTablet: 'Not on this tablet; connect to search all members, then search again.',
  memberNotFoundOnline: 'No member found (all shops searched). Check the number.',
  onlineLookupFailed: 'Could not search all members on the server. Try again in a moment.',
  offlineSearchHint: 'Offline: only this shop’s members and those recently looked up online can be found.',
};
