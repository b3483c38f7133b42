import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useEnrolment, type Enrolment } from '../db/index.ts';
import { CardScreen } from '../features/card/card-screen.tsx';
import { CounterScreen } from '../features/counter/counter-screen.tsx';
import { DeviceAdminScreen } from '../features/hq/device-admin-screen.tsx';
import { AuditScreen } from '../features/hq/audit-screen.tsx';
import { MemberImportScreen } from '../features/hq/member-import-screen.tsx';
import { MergeReviewScreen } from '../features/hq/merge-review-screen.tsx';
// issue 10: HQ campaigns and month-end
import { CampaignsScreen } from '../features/hq/campaigns-screen.tsx';
import { ClosesScreen } from '../features/hq/closes-screen.tsx';
// Issue 10 management
import { HqHomeScreen } from '../features/hq/hq-home-screen.tsx';
import { HqNav } from '../features/hq/hq-nav.tsx';
import { ShopsScreen } from '../features/hq/shops-screen.tsx';
import { StaffScreen } from '../features/hq/staff-screen.tsx';
import { RegisterScreen } from '../features/members/register-screen.tsx';
import { MigrateScreen } from '../features/migrate/migrate-screen.tsx';
import { LeaseGate } from '../features/setup/lease-gate.tsx';
import { SettingsScreen } from '../features/setup/settings-screen.tsx';
import { SetupScreen } from '../features/setup/setup-screen.tsx';
import { StockScreen } from '../features/stock/stock-screen.tsx';
import { SignInScreen } from '../staff/sign-in-screen.tsx';
import { useSignedInStaff } from '../staff/session.ts';
import { useSessionGuards } from '../staff/use-session-guards.ts';
import { useSyncEngine } from '../sync/index.ts';
import { AppHeader } from './app-header.tsx';
import { StorageNotice } from './storage-notice.tsx';
import { UpdatePrompt } from './update-prompt.tsx';
import { isOpenRoute, useHashRoute, type Route } from './use-hash-route.ts';

// The charts (uPlot) load with the HQ dashboard only: a tablet never opens it,
// and WebKit's tablets failed to start with uPlot evaluated at start-up.
const KpiDashboardScreen = lazy(() => import('../features/hq/kpi-dashboard-screen.tsx').then((module) => ({ default: module.KpiDashboardScreen })));


/**
 * The shell. The member's card and HQ's screens are not the tablet's: they
 * work without an enrolment (a member's phone, HQ's desktop), never open the
 * tablet's database and never sync it. Everything else is the tablet: header
 * (sync status, language), then enrolment for a fresh or wiped tablet, or the
 * routed screens of an enrolled one.
 */
export function App() {
  const route = useHashRoute();
  return isOpenRoute(route) ? <OpenApp route={route} /> : <TabletApp />;
}

function OpenApp({ route }: { route: Route }) {
  return (
    <div className="app">
      <UpdatePrompt />
      <AppHeader enrolment={null} tablet={false} />
      <main className="app__main">
        {route === 'card' ? null : <HqNav />}
        <OpenScreen route={route} />
      </main>
    </div>
  );
}

function TabletApp() {
  const enrolment = useEnrolment();
  const enrolled = enrolment.status === 'ready' ? enrolment.value : null;
  useSyncEngine(enrolled);
  return (
    <div className="app">
      <UpdatePrompt />
      <AppHeader enrolment={enrolled} tablet />
      <main className="app__main">
        <StorageNotice />
        {enrolment.status === 'loading' ? <Loading /> : null}
        {enrolment.status === 'error' ? <StorageError /> : null}
        {enrolment.status === 'ready' ? (
          enrolled ? (
            <LeaseGate>
              <EnrolledScreens enrolment={enrolled} />
            </LeaseGate>
          ) : (
            <SetupScreen />
          )
        ) : null}
      </main>
    </div>
  );
}

function EnrolledScreens({ enrolment }: { enrolment: Enrolment }) {
  const route = useHashRoute();
  const staff = useSignedInStaff();
  useSessionGuards();
  // Issue 6: nothing of the tablet's screens before a staff member signs in with their PIN.
  if (!staff) return <SignInScreen />;
  switch (route) {
    case 'settings':
      return <SettingsScreen enrolment={enrolment} />;
    case 'register':
      return <RegisterScreen />;
    case 'migrate':
      return <MigrateScreen />;
    case 'stock':
      return <StockScreen enrolment={enrolment} />;
    default:
      return <CounterScreen enrolment={enrolment} />;
  }
}

function OpenScreen({ route }: { route: Route }) {
  switch (route) {
    case 'card':
      return <CardScreen />;
    case 'hq-import':
      return <MemberImportScreen />;
    case 'hq-devices':
      return <DeviceAdminScreen />;
    case 'hq-audit':
      return <AuditScreen />;
    // Issue 10: HQ dashboard KPIs.
    case 'hq-dashboard':
      return (
        <Suspense fallback={<Loading />}>
          <KpiDashboardScreen />
        </Suspense>
      );
    // issue 10: HQ campaigns and month-end
    case 'hq-campaigns':
      return <CampaignsScreen />;
    case 'hq-closes':
      return <ClosesScreen />;
    // Issue 10 management
    case 'hq':
      return <HqHomeScreen />;
    case 'hq-staff':
      return <StaffScreen />;
    case 'hq-shops':
      return <ShopsScreen />;
    default:
      return <MergeReviewScreen />;
  }
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
