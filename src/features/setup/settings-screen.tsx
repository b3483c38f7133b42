import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber } from '../../app/format.ts';
import { usePointsPolicy, type Enrolment } from '../../db/index.ts';
import { resetDevice, useSyncStatus } from '../../sync/index.ts';
import { LeaseHours } from './lease-hours.tsx';
import { StoragePersistence, StoragePersistenceHelp } from './storage-persistence.tsx';
import './setup.css';

/** What this tablet is, and the way back to enrolment (a revoked token, a move to another shop). */
export function SettingsScreen({ enrolment }: { enrolment: Enrolment }) {
  const { t, i18n } = useTranslation();
  const { pendingCount } = useSyncStatus();
  // The synced policy supersedes the rate the enrolment answer carried.
  const policy = usePointsPolicy();
  const [resetting, setResetting] = useState(false);

  function reset(): void {
    // Unsent ledger entries exist only on this tablet: never wipe them.
    if (pendingCount > 0 || !window.confirm(t('settings.resetConfirm'))) return;
    setResetting(true);
    resetDevice().catch((error: unknown) => {
      console.error('reset failed', error);
      setResetting(false);
    });
  }

  return (
    <section className="panel settings">
      <h1 className="panel__title">{t('settings.title')}</h1>
      <dl className="facts">
        <dt>{t('settings.shop')}</dt>
        <dd>{enrolment.shop.name}</dd>
        <dt>{t('settings.deviceName')}</dt>
        <dd>{enrolment.deviceName}</dd>
        <dt>{t('settings.deviceId')}</dt>
        <dd className="facts__mono">{enrolment.deviceId}</dd>
        <dt>{t('settings.rate')}</dt>
        <dd>{t('settings.rateValue', { yen: policy.yenPerPoint })}</dd>
        <dt>{t('settings.offlineCaps')}</dt>
        <dd>
          {t('settings.offlineCapsValue', {
            perTransaction: formatNumber(policy.offline.perTransactionCap, i18n.language),
            daily: formatNumber(policy.offline.perMemberDailyOfflineCap, i18n.language),
          })}
        </dd>
        <dt>{t('settings.enrolledAt')}</dt>
        <dd>{formatDateTime(enrolment.enrolledAt, i18n.language)}</dd>
        <dt>{t('settings.language')}</dt>
        {/* Switched in the header, which every screen shows. */}
        <dd>{i18n.language === 'en' ? t('lang.en') : t('lang.ja')}</dd>
        <LeaseHours />
        <StoragePersistence />
      </dl>
      <StoragePersistenceHelp />
      {pendingCount > 0 ? <p className="message message--info">{t('settings.resetBlocked', { count: pendingCount })}</p> : null}
      <button type="button" className="button button--danger" onClick={reset} disabled={pendingCount > 0 || resetting}>
        {t('settings.reset')}
      </button>
    </section>
  );
}
