import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dismissStorageRecovered, storageRecoveredAt } from '../db/storage-recovery.ts';

/**
 * After the page reloaded itself because the storage connection died
 * (src/db/storage-recovery.ts), the clerk is told once what happened: their
 * screen jumped back to the start, and the write they were doing may need
 * doing again.
 */
export function StorageNotice() {
  const { t } = useTranslation();
  const [at, setAt] = useState(storageRecoveredAt);
  if (at === null) return null;
  return (
    <p className="app__status app__status--error" role="alert" data-testid="storage-recovered">
      {t('app.storageRecovered')}{' '}
      <button
        type="button"
        className="button"
        onClick={() => {
          dismissStorageRecovered();
          setAt(null);
        }}
      >
        {t('app.dismiss')}
      </button>
    </p>
  );
}
