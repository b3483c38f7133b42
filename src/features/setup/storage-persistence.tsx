import { useTranslation } from 'react-i18next';
import { usePersistence } from '../../device/use-persistence.ts';

/** A settings row: does the browser promise to keep this tablet's data? */
export function StoragePersistence() {
  const { t } = useTranslation();
  const state = usePersistence();
  return (
    <>
      <dt>{t('device.storage.label')}</dt>
      <dd data-testid="storage-persistence" data-state={state}>
        {t(`device.storage.${state}`)}
      </dd>
    </>
  );
}

/** Said under the facts, where it has room: what a refusal means for the clerk. */
export function StoragePersistenceHelp() {
  const { t } = useTranslation();
  const state = usePersistence();
  if (state !== 'refused') return null;
  return (
    <p className="settings__storage-help" data-testid="storage-persistence-help">
      {t('device.storage.refusedHelp')}
    </p>
  );
}
