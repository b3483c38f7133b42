import { useTranslation } from 'react-i18next';
import type { Enrolment } from '../db/index.ts';
import { StaffBadge } from '../staff/staff-badge.tsx';
import { BackButton } from './back-button.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { SyncIndicator } from './sync-indicator.tsx';
import { routeHref, useHashRoute } from './use-hash-route.ts';

/**
 * Always on screen: who this tablet is, where sync stands (tablets only), and
 * the language. With the tablet's navigation it is the whole way around the
 * app when installed to the home screen (no browser toolbar): every screen,
 * and back.
 */
export function AppHeader({ enrolment, tablet }: { enrolment: Enrolment | null; tablet: boolean }) {
  const { t } = useTranslation();
  const route = useHashRoute();
  return (
    <header className="header">
      {enrolment ? <BackButton /> : null}
      <div className="header__brand">
        <span className="header__logo">{t('app.name')}</span>
        {enrolment ? <span className="header__shop">{enrolment.shop.name}</span> : null}
      </div>
      {enrolment ? (
        <nav className="header__nav">
          <a className="nav-link" href={routeHref('counter')} aria-current={route === 'counter' ? 'page' : undefined}>
            {t('nav.counter')}
          </a>
          <a className="nav-link" href={routeHref('stock')} aria-current={route === 'stock' ? 'page' : undefined}>
            {t('nav.stock')}
          </a>
          <a className="nav-link" href={routeHref('register')} aria-current={route === 'register' ? 'page' : undefined}>
            {t('nav.register')}
          </a>
          <a className="nav-link" href={routeHref('migrate')} aria-current={route === 'migrate' ? 'page' : undefined}>
            {t('nav.migrate')}
          </a>
          <a className="nav-link" href={routeHref('settings')} aria-current={route === 'settings' ? 'page' : undefined}>
            {t('nav.settings')}
          </a>
        </nav>
      ) : null}
      {tablet ? <StaffBadge /> : null}
      {tablet ? <SyncIndicator /> : null}
      <LanguageSwitch />
    </header>
  );
}
