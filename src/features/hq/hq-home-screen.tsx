import { useTranslation } from 'react-i18next';
import { HQ_LINKS } from './hq-links.ts';
import './management.css';

/** #/hq: where HQ starts; each screen with a line on what it is for. Needs no key: the screens ask for it. */
export function HqHomeScreen() {
  const { t } = useTranslation();
  return (
    <section className="hq-manage" data-testid="hq-home">
      <h2 className="panel__title">{t('hqManage.home.title')}</h2>
      <p>{t('hqManage.home.intro')}</p>
      <ul className="hq-home__links">
        {HQ_LINKS.map((link) => (
          <li key={link.key} className="panel">
            <a href={link.href}>{t(`hqManage.nav.${link.key}`)}</a>
            <span>{t(`hqManage.home.${link.key}`)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
