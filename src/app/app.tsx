import { useTranslation } from 'react-i18next';
import { useEnrolment, type Enrolment } from '../db/index.ts';
import { CounterScreen } from '../features/counter/counter-screen.tsx';
import { SettingsScreen } from '../features/setup/settings-screen.tsx';
import { SetupScreen } from '../features/setup/setup-screen.tsx';
import { useSyncEngine } from '../sync/index.ts';
import { AppHeader } from './app-header.tsx';
import { UpdatePrompt } from './update-prompt.tsx';
import { useHashRoute } from './use-hash-route.ts';

/**
 * The shell: header (sync status, language) on every screen, then enrolment
 * for a fresh or wiped tablet, or the routed screens of an enrolled one.
 */
export function App() {
  const enrolment = useEnrolment();
  const enrolled = enrolment.status === 'ready' ? enrolment.value : null;
  useSyncEngine(enrolled);

  return (
    <div className="app">
      <UpdatePrompt />
      <AppHeader enrolment={enrolled} />
      <main className="app__main">
        {enrolment.status === 'loading' ? <Loading /> : null}
        {enrolment.status === 'error' ? <StorageError /> : null}
        {enrolment.status === 'ready' ? enrolled ? <EnrolledScreens enrolment={enrolled} /> : <SetupScreen /> : null}
      </main>
    </div>
  );
}

function EnrolledScreens({ enrolment }: { enrolment: Enrolment }) {
  const route = useHashRoute();
  return route === 'settings' ? <SettingsScreen enrolment={enrolment} /> : <CounterScreen enrolment={enrolment} />;
}

function Loading() {
  const { t } = useTranslation();
  return <p className="app__status">{t('app.loading')}</p>;
}

/** IndexedDB refused to open (private mode, storage full, a broken profile): say so, do not spin for ever. */
function StorageError() {
  const { t } = useTranslation();
  return (
    <p className="app__status app__status--error" role="alert">
      {t('app.storageError')}
    </p>
  );
}
