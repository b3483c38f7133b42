import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HQ_HOME_HREF, HQ_LINKS } from './hq-links.ts';
import './management.css';

function currentPath(): string {
  return window.location.hash.split('?')[0] ?? '';
}

/** The HQ screens' own navigation, above each of them: HQ works on a desktop, every screen one click away. */
export function HqNav() {
  const { t } = useTranslation();
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const onChange = (): void => setPath(currentPath());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return (
    <nav className="hq-nav" aria-label={t('hqManage.nav.label')} data-testid="hq-nav">
      <a className="nav-link" href={HQ_HOME_HREF} aria-current={path === HQ_HOME_HREF ? 'page' : undefined}>
        {t('hqManage.nav.home')}
      </a>
      {HQ_LINKS.map((link) => (
        <a key={link.key} className="nav-link" href={link.href} aria-current={path === link.href ? 'page' : undefined}>
          {t(`hqManage.nav.${link.key}`)}
        </a>
      ))}
    </nav>
  );
}
