import { useTranslation } from 'react-i18next';
import { useSyncStatus } from '../sync/index.ts';
import { formatTime } from './format.ts';
import { pendingText } from './pending-text.ts';
import { useNow } from './use-now.ts';

/**
 * State, unsent writes (and how old the oldest is) and last sync time, always
 * visible: a clerk must be able to tell at a glance whether what they just did
 * has left the tablet, and nobody may miss that it has not for hours.
 */
export function SyncIndicator() {
  const { t, i18n } = useTranslation();
  const status = useSyncStatus();
  const now = useNow();
  const pending = pendingText(t, status.pendingCount, status.oldestPendingAt, now);
  const reason = status.state === 'error' ? t(`failure.${status.reason}`) : undefined;
  return (
    <div
      className={`sync sync--${status.state}`}
      data-testid="sync-status"
      data-state={status.state}
      data-pending={status.pendingCount}
      data-oldest-pending={status.oldestPendingAt ?? undefined}
      role="status"
      title={reason}
    >
      <span className="sync__dot" aria-hidden="true" />
      <span className="sync__state">{t(`sync.${status.state}`)}</span>
      {pending === null ? null : <span className="sync__pending" data-testid="sync-pending">{pending}</span>}
      <span className="sync__time">
        {status.lastSyncedAt ? t('sync.lastSynced', { time: formatTime(status.lastSyncedAt, i18n.language) }) : t('sync.never')}
      </span>
      {reason ? <span className="sync__reason">{reason}</span> : null}
    </div>
  );
}
