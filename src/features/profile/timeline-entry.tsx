import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatSigned, formatTime } from '../../app/format.ts';
import type { ProfileItem } from '../../domain/profile-timeline.ts';
import { OrderProduct } from './order-product.tsx';

/** A point entry's type as the clerk says it; a reversal by which way it moved (a return takes points, an undone redemption gives them back). */
function pointsLabel(t: TFunction, item: Extract<ProfileItem, { kind: 'points' }>): string {
  if (item.type === 'reversal') return item.points < 0 ? t('entryType.reversalEarn') : t('entryType.reversalRedeem');
  return t(`entryType.${item.type}`);
}

function Content({ item, staffNames }: { item: ProfileItem; staffNames: ReadonlyMap<string, string> }) {
  const { t, i18n } = useTranslation();
  switch (item.kind) {
    case 'purchase':
      return (
        <>
          <p className="timeline__headline">
            {t('profile.purchaseTotal', { yen: formatNumber(item.totalYen, i18n.language) })}
            {item.ref ? <span className="timeline__ref"> {t('profile.purchaseRef', { ref: item.ref })}</span> : null}
          </p>
          {item.lines.length > 0 ? (
            <ul className="timeline__lines">
              {item.lines.map((line, index) => (
                <li key={`${line.jan}-${index}`}>{t('profile.line', { name: line.name || line.jan, quantity: line.quantity })}</li>
              ))}
            </ul>
          ) : null}
        </>
      );
    case 'contact':
      return (
        <>
          <p className="timeline__summary">{item.summary}</p>
          {item.staff ? <p className="timeline__staff">{t('profile.staff', { staff: staffNames.get(item.staff) ?? item.staff })}</p> : null}
        </>
      );
    case 'points':
      return (
        <p className="timeline__headline">
          {pointsLabel(t, item)}{' '}
          <span className={item.points < 0 ? 'timeline__points timeline__points--minus' : 'timeline__points'}>
            {t('profile.points', { points: formatSigned(item.points, i18n.language) })}
          </span>
          {item.ref ? <span className="timeline__ref"> {t('profile.purchaseRef', { ref: item.ref })}</span> : null}
        </p>
      );
    case 'order':
      return (
        <p className="timeline__headline">
          <OrderProduct jan={item.jan} /> ×{item.quantity}{' '}
          <span className="badge timeline__status" data-status={item.status}>
            {t(`profile.orderStatus.${item.status}`)}
          </span>
        </p>
      );
  }
}

/** One row of the profile timeline: when, which channel, what. */
export function TimelineEntry({ item, now, staffNames }: { item: ProfileItem; now: Date; staffNames: ReadonlyMap<string, string> }) {
  const { t, i18n } = useTranslation();
  return (
    <li className={`timeline__item timeline__item--${item.kind}`} data-testid="timeline-item" data-kind={item.kind} data-channel={item.channel} data-id={item.id}>
      <div className="timeline__meta">
        <span className={`timeline__channel timeline__channel--${item.channel}`} data-testid="timeline-channel">
          {t(`profile.channel.${item.channel}`)}
        </span>
        <time className="timeline__time" dateTime={item.at}>
          {formatTime(item.at, i18n.language, now)}
        </time>
      </div>
      <div className="timeline__body">
        <p className="timeline__kind">
          {t(`profile.kind.${item.kind}`)}
          {item.pending ? <span className="badge badge--pending" data-testid="timeline-pending"> {t('profile.pending')}</span> : null}
          {item.merged ? <span className="badge timeline__merged"> {t('profile.merged')}</span> : null}
        </p>
        <Content item={item} staffNames={staffNames} />
      </div>
    </li>
  );
}
