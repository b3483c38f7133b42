import { useTranslation } from 'react-i18next';
import { ApiKeyForm } from './api-key-form.tsx';
import { AuditAlertList } from './audit-alerts.tsx';
import { AuditFilterForm } from './audit-filters.tsx';
import { AuditTable } from './audit-table.tsx';
import './audit.css';
import { useAuditLog, type AuditFailure } from './use-audit-log.ts';

/**
 * #/hq/audit: HQ reads the audit log (issue 6). The alert comes first: it is
 * what someone should act on; the search below is how they look into it.
 */
export function AuditScreen() {
  const { t } = useTranslation();
  const log = useAuditLog();
  return (
    <section className="audit">
      <h2 className="panel__title">{t('audit.title')}</h2>
      <p>{t('audit.intro')}</p>
      {log.apiKey === '' ? (
        <ApiKeyForm onSave={log.saveApiKey} />
      ) : (
        <>
          <div className="audit__bar">
            <button type="button" className="button" onClick={log.forgetApiKey}>
              {t('audit.forgetKey')}
            </button>
          </div>
          <Failure failure={log.failure} />
          <AuditAlertList alerts={log.alerts} />
          <AuditFilterForm key={JSON.stringify(log.filters)} initial={log.filters} busy={log.loading} onSearch={log.search} />
          <AuditTable events={log.events} loading={log.loading} hasMore={log.hasMore} onMore={log.more} />
        </>
      )}
    </section>
  );
}

function Failure({ failure }: { failure: AuditFailure | null }) {
  const { t } = useTranslation();
  if (!failure) return null;
  const text =
    failure.kind === 'network'
      ? t('audit.errors.network')
      : failure.kind === 'unauthorized'
        ? t('audit.errors.unauthorized')
        : t('audit.errors.other', { message: failure.message });
  return (
    <p className="message message--error" role="alert">
      {text}
    </p>
  );
}
