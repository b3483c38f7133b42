import { useTranslation } from 'react-i18next';
import { formatNumber, formatSigned } from '../../app/format.ts';
import type { ShownBalance } from '../../domain/balance.ts';

/**
 * The balance the clerk tells the member, and what of it can be redeemed now.
 * The part the server has not counted yet is shown separately and marked, so
 * nobody mistakes it for posted points.
 */
export function BalanceView({ balance }: { balance: ShownBalance | undefined }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="balance">
      <span className="balance__label">{t('counter.balance')}</span>
      {balance ? (
        <>
          <span className="balance__total" data-testid="balance-total" data-points={balance.total}>
            {/* An overdrawn balance keeps its (typographic) minus sign. */}
            {balance.total < 0 ? formatSigned(balance.total, i18n.language) : formatNumber(balance.total, i18n.language)}
            <small className="balance__unit">{t('counter.pointsUnit')}</small>
          </span>
          <span className="balance__available" data-testid="balance-available" data-points={balance.available}>
            {t('counter.available', { points: formatNumber(balance.available, i18n.language) })}
          </span>
          {balance.pending !== 0 ? (
            <span className="balance__pending" data-testid="balance-pending" data-points={balance.pending}>
              {t('counter.balancePending', { points: formatSigned(balance.pending, i18n.language) })}
            </span>
          ) : null}
        </>
      ) : (
        <span className="balance__total balance__total--loading">…</span>
      )}
    </div>
  );
}
