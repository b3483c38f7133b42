import { useTranslation } from 'react-i18next';
import { usePointsPolicy } from '../../db/index.ts';
import type { Order } from '../../protocol/index.ts';
import { BalanceView } from '../counter/balance-view.tsx';
import { MemberRank } from '../counter/member-rank.tsx';
import { PointsNotices } from '../counter/points-notices.tsx';
import { useMemberLedger } from '../counter/use-member-ledger.ts';
import { OrderProduct } from './order-product.tsx';

/** The top of the profile: rank, balance, points expiring soon (the counter's own pieces) and the orders still under way. */
export function ProfileSummary({ memberId, openOrders }: { memberId: string; openOrders: readonly Order[] }) {
  const { t } = useTranslation();
  const policy = usePointsPolicy();
  const { ledger } = useMemberLedger(memberId);
  // As at the counter: no account on this tablet yet means the lowest rank.
  const rank = ledger ? ledger.rank || (policy.ranks[0]?.id ?? '') : undefined;
  return (
    <section className="panel profile__summary" data-testid="profile-summary" aria-label={t('profile.summary')}>
      <div className="profile__figures">
        <MemberRank rank={rank} />
        <BalanceView balance={ledger?.balance} />
      </div>
      {ledger ? <PointsNotices ledger={ledger} /> : null}
      <div className="profile__orders" data-testid="profile-open-orders" data-count={openOrders.length}>
        <p className="profile__orders-title">
          {openOrders.length > 0 ? t('profile.openOrders', { count: openOrders.length }) : t('profile.openOrdersNone')}
        </p>
        {openOrders.length > 0 ? (
          <ul className="profile__orders-list">
            {openOrders.map((order) => (
              <li key={order.id} className="profile__order" data-testid="open-order" data-status={order.status}>
                <span>
                  <OrderProduct jan={order.jan} /> ×{order.quantity}
                </span>
                <span className="badge badge--pending">{t(`profile.orderStatus.${order.status}`)}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </section>
  );
}
