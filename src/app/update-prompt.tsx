import { useTranslation } from 'react-i18next';
import { useRegisterSW } from 'virtual:pwa-register/react';

/** A shop tablet can stay open for days: look for a new version every hour, not only on reload. */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

/**
 * "A new version is available — Update". registerType 'prompt': the new
 * service worker waits until the clerk taps Update, so a version never
 * changes under a clerk's fingers mid-transaction. Unsent entries are in
 * IndexedDB, so the reload loses nothing.
 */
export function UpdatePrompt() {
  const { t } = useTranslation();
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisteredSW(_url, registration) {
      if (!registration) return;
      setInterval(() => {
        if (navigator.onLine) registration.update().catch(() => undefined);
      }, UPDATE_CHECK_MS);
    },
    onRegisterError(error: unknown) {
      console.warn('service worker registration failed', error);
    },
  });

  function update(): void {
    // A page no worker controls (the very first visit) holds no old worker:
    // the new one is already active, and the library's reload-on-takeover
    // never comes. Loading the page again is the whole update.
    if (!navigator.serviceWorker.controller) {
      window.location.reload();
      return;
    }
    void updateServiceWorker(true);
  }

  if (!needRefresh) return null;
  return (
    <div className="update" data-testid="update-prompt" role="alert">
      <span className="update__text">{t('update.available')}</span>
      <button type="button" className="button button--primary" onClick={update}>
        {t('update.reload')}
      </button>
      <button type="button" className="button" onClick={() => setNeedRefresh(false)}>
        {t('update.later')}
      </button>
    </div>
  );
}
