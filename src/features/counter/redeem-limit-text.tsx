import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../app/format.ts';
import type { PointsPolicy } from '../../protocol/index.ts';
import type { RedeemLimitState } from './use-redeem-limit.ts';

/** "Up to 1,200 pt", or offline "up to 3,000 pt per purchase" and that the network lifts it. */
export function RedeemLimitText({ limit, policy }: { limit: RedeemLimitState; policy: PointsPolicy }) {
  const { t, i18n } = useTranslation();
  const points = formatNumber(limit.limit, i18n.language);
  const text = (() => {
    switch (limit.bound) {
      case 'online':
        return t('counter.redeemAvailable', { points });
      case 'balance':
        return t('counter.redeemOfflineBalance', { points });
      case 'per-transaction-cap':
        return t('counter.redeemOfflinePerTransaction', { points });
      case 'daily-offline-cap':
        return t('counter.redeemOfflineDaily', { points, cap: formatNumber(policy.offline.perMemberDailyOfflineCap, i18n.language) });
    }
  })();
  return (
    <div className={`points-form__limit${limit.offline ? ' points-form__limit--offline' : ''}`}>
      <p className="points-form__preview" data-testid="redeem-limit" data-points={limit.limit} data-bound={limit.bound} aria-live="polite">
        {text}
      </p>
      {limit.offline && limit.bound !== 'balance' ? <p className="points-form__hint">{t('counter.redeemOfflineHint')}</p> : null}
    </div>
  );
}
