import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.ts';
import type { AuditRecord } from '../../protocol/index.ts';
import { auditJa } from './audit-messages.ts';

/** The search results, newest first, with "show more" for the next page. */
export function AuditTable({ events, loading, hasMore, onMore }: { events: readonly AuditRecord[]; loading: boolean; hasMore: boolean; onMore: () => void }) {
  const { t } = useTranslation();
  if (events.length === 0) return loading ? null : <p data-testid="audit-empty">{t('audit.table.empty')}</p>;
  return (
    <>
      <table className="audit__table" data-testid="audit-table">
        <caption>{t('audit.table.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.table.at')}</th>
            <th scope="col">{t('audit.table.action')}</th>
            <th scope="col">{t('audit.table.staff')}</th>
            <th scope="col">{t('audit.table.member')}</th>
            <th scope="col">{t('audit.table.shop')}</th>
            <th scope="col">{t('audit.table.device')}</th>
            <th scope="col">{t('audit.table.approvedBy')}</th>
            <th scope="col">{t('audit.table.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <AuditRow key={event.id} event={event} />
          ))}
        </tbody>
      </table>
      {hasMore ? (
        <button type="button" className="button audit__more" onClick={onMore} disabled={loading}>
          {t('audit.table.more')}
        </button>
      ) : null}
    </>
  );
}

function AuditRow({ event }: { event: AuditRecord }) {
  const { t, i18n } = useTranslation();
  const none = t('audit.table.none');
  return (
    <tr data-testid="audit-row" data-action={event.action} data-id={event.id}>
      <td>
        <time dateTime={event.at}>{formatDateTime(event.at, i18n.language)}</time>
      </td>
      <td>{t(`audit.actions.${event.action}`)}</td>
      <td>{event.staffId ?? none}</td>
      <td className="audit__id">{event.memberId ?? none}</td>
      <td data-testid="audit-shop">{event.shopId ?? none}</td>
      <td className="audit__id" data-testid="audit-device">
        {event.deviceId ?? none}
      </td>
      <td>{event.approvedBy ?? none}</td>
      <td data-testid="audit-detail">{detailText(event, (via) => (isVia(via) ? t(`audit.via.${via}`) : via))}</td>
    </tr>
  );
}

type Via = keyof typeof auditJa.via;

function isVia(value: string): value is Via {
  return Object.hasOwn(auditJa.via, value);
}

/** A lookup says how the member was found; other details as key: value. */
function detailText(event: AuditRecord, viaLabel: (via: string) => string): string {
  return Object.entries(event.detail)
    .map(([key, value]) => (key === 'via' && typeof value === 'string' ? viaLabel(value) : `${key}: ${String(value)}`))
    .join(', ');
}
