import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.ts';
import type { DeviceSummary } from '../../protocol/index.ts';

/**
 * What a tablet said it has not sent yet, as of its last report. Unsent
 * entries are the only copy of those points: a count that stays up while the
 * tablet keeps syncing is worth a call to the shop.
 */
export function DevicePending({ pending }: { pending: DeviceSummary['pending'] }) {
  const { t, i18n } = useTranslation();
  if (pending === null) return <span className="device-list__muted">{t('hqDevices.list.pendingUnknown')}</span>;
  const count = Object.values(pending.pending).reduce((sum, n) => sum + n, 0);
  const reportedAt = t('hqDevices.list.pendingReportedAt', { time: formatDateTime(pending.reportedAt, i18n.language) });
  return (
    <span data-count={count}>
      {count === 0 ? (
        t('hqDevices.list.pendingNone')
      ) : (
        <strong className="device-list__pending">{t('hqDevices.list.pendingCount', { count })}</strong>
      )}
      {pending.oldestPendingAt !== null && count > 0 ? (
        <> {t('hqDevices.list.pendingOldest', { time: formatDateTime(pending.oldestPendingAt, i18n.language) })}</>
      ) : null}
      <br />
      <small className="device-list__muted">{reportedAt}</small>
    </span>
  );
}
