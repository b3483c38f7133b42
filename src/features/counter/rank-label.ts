import type { TFunction } from 'i18next';
import type { ja } from '../../app/i18n/ja.ts';

type KnownRank = keyof typeof ja.rank;
const KNOWN_RANKS: readonly string[] = ['regular', 'silver', 'gold'] satisfies KnownRank[];

function isKnownRank(id: string): id is KnownRank {
  return KNOWN_RANKS.includes(id);
}

/** A rank's name in the UI language. HQ may define ranks this app has no name for: those show their id. */
export function rankLabel(t: TFunction, id: string): string {
  return isKnownRank(id) ? t(`rank.${id}`) : id;
}
