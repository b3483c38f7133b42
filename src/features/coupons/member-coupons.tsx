import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatDay } from '../../app/format.ts';
import { useNow } from '../../app/use-now.ts';
import { redeemCouponAtCounter, useMemberCoupons, type CouponUseFailure } from '../../db/index.ts';
import { couponState, type CouponState } from '../../domain/coupon-state.ts';
import { jstDate } from '../../domain/ledger/index.ts';
import type { Coupon } from '../../protocol/index.ts';
import './coupons.css';

/**
 * The member's coupons at the counter (issue 10): the ones still to use, with
 * 「使う」 — it works offline; the sync sends the use on — and the ones used
 * here, including a use the server refused because the EC site (or another
 * shop) was first, with when and where. Nothing shows when there are none.
 */
export function MemberCoupons({ memberId }: { memberId: string }) {
  const { t } = useTranslation();
  const today = jstDate(Date.parse(useNow()));
  const coupons = useMemberCoupons(memberId) ?? [];
  const [failure, setFailure] = useState<CouponUseFailure | null>(null);
  const shown = coupons
    .map((item) => ({ ...item, state: couponState(item.coupon, item.use, today) }))
    .filter((item) => item.state !== 'hidden');
  if (shown.length === 0) return null;

  const use = (couponId: string): void => {
    setFailure(null);
    void redeemCouponAtCounter(couponId).then((result) => setFailure(result.ok ? null : result.reason));
  };

  return (
    <section className="panel coupons" aria-labelledby="coupons-title">
      <h3 className="panel__title" id="coupons-title">
        {t('coupons.title')}
      </h3>
      <ul className="coupons__list">
        {shown.map(({ coupon, state }) => (
          <li key={coupon.id} className="coupons__item" data-testid="coupon" data-id={coupon.id} data-kind={coupon.kind} data-state={state}>
            <span className="coupons__name">{t(`coupons.kind.${coupon.kind}`, { points: coupon.bonusPoints })}</span>
            <CouponStatus coupon={coupon} state={state} />
            {state === 'usable' ? (
              <button type="button" className="button button--primary" data-testid="coupon-redeem" onClick={() => use(coupon.id)}>
                {t('coupons.use')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {failure ? (
        <p className="message message--error" role="alert">
          {t(`coupons.failed.${failure}`)}
        </p>
      ) : null}
    </section>
  );
}

/** Its last day while usable; what became of this counter's use otherwise. */
function CouponStatus({ coupon, state }: { coupon: Coupon; state: CouponState }) {
  const { t, i18n } = useTranslation();
  switch (state) {
    case 'usable':
      return <span className="coupons__quiet">{t('coupons.until', { day: formatDay(coupon.expiresOn, i18n.language) })}</span>;
    case 'used-here':
      return <span className="badge badge--posted">{t('coupons.usedHere')}</span>;
    case 'refused':
      return (
        <span className="coupons__refused" data-testid="coupon-refused">
          {t('coupons.refused', { channel: coupon.redeemedChannel === 'store' ? t('coupons.channel.store') : t('coupons.channel.ec'), at: formatDateTime(coupon.redeemedAt, i18n.language) })}
        </span>
      );
    case 'refused-expired':
      return (
        <span className="coupons__refused" data-testid="coupon-refused">
          {t('coupons.refusedExpired')}
        </span>
      );
    case 'hidden':
      return null;
  }
}
