import { useTranslation } from 'react-i18next';
import { useLeaseInputs } from '../../db/index.ts';

/** A settings row: how long this tablet may stay offline before it locks (HQ's device policy). */
export function LeaseHours() {
  const { t } = useTranslation();
  const lease = useLeaseInputs();
  if (!lease) return null;
  return (
    <>
      <dt>{t('device.lock.label')}</dt>
      <dd data-testid="lease-hours" data-hours={lease.leaseHours}>
        {t('device.lock.value', { hours: lease.leaseHours })}
      </dd>
    </>
  );
}
