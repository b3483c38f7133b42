import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.ts';
import './setup.css';

/** The offline lease ran out: no member data, no points, until the tablet reaches the server. */
export function LeaseLockScreen({ lastContactMs, leaseHours }: { lastContactMs: number | null; leaseHours: number }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="panel lease-lock" data-testid="lease-lock" role="alert">
      <h1 className="panel__title">{t('device.lock.title')}</h1>
      <p>{t('device.lock.body', { hours: leaseHours })}</p>
      <p className="lease-lock__contact">
        {lastContactMs === null
          ? t('device.lock.never')
          : t('device.lock.lastContact', { time: formatDateTime(new Date(lastContactMs).toISOString(), i18n.language) })}
      </p>
      <p className="lease-lock__help">{t('device.lock.help')}</p>
    </section>
  );
}
