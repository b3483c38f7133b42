import type { TFunction } from 'i18next';
import type { PointEntry } from '../../protocol/index.ts';

/** The entry's type as a clerk says it: a reversal is a return of a purchase, or a refund of redeemed points. */
export function entryTypeLabel(t: TFunction, entry: PointEntry): string {
  switch (entry.type) {
    case 'reversal':
      return entry.reversesType === 'redeem' ? t('entryType.reversalRedeem') : t('entryType.reversalEarn');
    case 'earn':
    case 'redeem':
    case 'expire':
    case 'adjust':
    case 'migration':
    case 'transfer_in':
    case 'transfer_out':
      return t(`entryType.${entry.type}`);
  }
}

/** A server flag reason in words; a reason this app does not know yet shows as sent. */
export function flagLabel(t: TFunction, flag: string): string {
  switch (flag) {
    case 'overdraft':
    case 'reversal-exceeds-original':
    case 'expire-mismatch':
      return t(`entryFlag.${flag}`);
    default:
      return flag;
  }
}
