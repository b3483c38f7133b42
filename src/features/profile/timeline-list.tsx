import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileItem } from '../../domain/profile-timeline.ts';
import { itemKey } from '../../domain/profile-timeline.ts';
import { TimelineEntry } from './timeline-entry.tsx';
import type { OlderStatus } from './use-older-timeline.ts';
import { useShopStaff } from '../../staff/use-shop-staff.ts';

interface TimelineListProps {
  items: readonly ProfileItem[] | undefined;
  olderStatus: OlderStatus;
  onLoadOlder: () => void;
  now: string;
}

/** Every channel's history of the member, newest first, and the way to older history online. */
export function TimelineList({ items, olderStatus, onLoadOlder, now }: TimelineListProps) {
  const { t } = useTranslation();
  const nowDate = new Date(now);
  const shopStaff = useShopStaff();
  // A shop note names the staff id; the clerk knows their colleagues by name. Other channels' staff is free text, shown as sent.
  const staffNames = useMemo(() => new Map((shopStaff?.staff ?? []).map((staff) => [staff.staffId, staff.name])), [shopStaff]);
  return (
    <section className="panel profile__timeline" aria-labelledby="profile-timeline-title">
      <h3 className="panel__title" id="profile-timeline-title">
        {t('profile.timelineTitle')}
      </h3>
      {items === undefined ? <p className="profile__quiet">{t('profile.timelineLoading')}</p> : null}
      {items?.length === 0 ? <p className="profile__quiet">{t('profile.timelineEmpty')}</p> : null}
      <ul className="timeline" data-testid="timeline">
        {(items ?? []).map((item) => (
          <TimelineEntry key={itemKey(item)} item={item} now={nowDate} staffNames={staffNames} />
        ))}
      </ul>
      <div className="timeline__older">
        {olderStatus === 'end' ? (
          <p className="profile__quiet" data-testid="timeline-older-end">
            {t('profile.olderEnd')}
          </p>
        ) : (
          <button type="button" className="button button--wide" data-testid="timeline-load-older" disabled={olderStatus === 'loading'} onClick={onLoadOlder}>
            {olderStatus === 'loading' ? t('profile.loadingOlder') : t('profile.loadOlder')}
          </button>
        )}
        {olderStatus === 'offline' ? (
          <p className="message message--info" data-testid="timeline-older-offline" role="status">
            {t('profile.olderOffline')}
          </p>
        ) : null}
        {olderStatus === 'failed' ? (
          <p className="message message--error" role="status">
            {t('profile.olderFailed')}
          </p>
        ) : null}
      </div>
    </section>
  );
}
