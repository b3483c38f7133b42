import { useTranslation } from 'react-i18next';
import { formatDay, formatNumber } from '../../app/format.ts';
import type { MemberLedger } from './member-ledger.ts';

/**
 * What the clerk should mention to the member: points about to expire, and
 * points owed after an overdraft (posted while offline tablets spent the same
 * points twice), which the next purchase pays back before it adds points.
 */
export function PointsNotices({ ledger }: { ledger: MemberLedger }) {
  const { t, i18n } = useTranslation();
  const { expiring, debt } = ledger;
  const soonest = expiring.byDate[0];
  return (
    <section className="notices" aria-label={t('counter.balance')}>
      {debt > 0 ? (
        <p className="notice notice--debt" data-testid="account-debt" data-points={debt} role="status">
          {t('counter.debt', { points: formatNumber(debt, i18n.language) })}
        </p>
      ) : null}
      <p
        className={`notice ${expiring.points > 0 ? 'notice--expiring' : 'notice--quiet'}`}
        data-testid="expiring-soon"
        data-points={expiring.points}
        data-date={soonest?.expiresOn}
      >
        {soonest
          ? t('counter.expiringSoon', { points: formatNumber(expiring.points, i18n.language), date: formatDay(soonest.expiresOn, i18n.language) })
          : t('counter.expiringNone')}
      </p>
    </section>
  );
}
