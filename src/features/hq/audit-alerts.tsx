import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber } from '../../app/format.ts';
import type { AuditAlerts } from '../../protocol/index.ts';

/** The unusual-lookup alert over the searched period (the last 24 hours by default), with its rule in words. */
export function AuditAlertList({ alerts }: { alerts: AuditAlerts | null }) {
  const { t, i18n } = useTranslation();
  if (!alerts) return null;
  const { rule } = alerts;
  const number = (value: number) => formatNumber(Math.round(value * 10) / 10, i18n.language);
  return (
    <section className="panel audit__alerts" aria-labelledby="audit-alerts-title" data-testid="audit-alerts">
      <h3 id="audit-alerts-title">{t('audit.alerts.title')}</h3>
      <p className="audit__period">
        {t('audit.alerts.period', { from: formatDateTime(alerts.from, i18n.language), to: formatDateTime(alerts.to, i18n.language) })}
      </p>
      {alerts.alerts.length === 0 ? (
        <p>{t('audit.alerts.none')}</p>
      ) : (
        <ul className="audit__alert-list">
          {alerts.alerts.map((alert) => (
            <li key={`${alert.staffId}|${alert.shopId ?? ''}`} className="message message--error" data-testid="audit-alert">
              {t('audit.alerts.row', {
                staffId: alert.staffId,
                shop: alert.shopId ?? t('audit.table.none'),
                lookups: number(alert.lookups),
                threshold: number(alert.threshold),
                median: number(alert.median),
                comparedWith: t(`audit.alerts.comparedWith.${alert.comparedWith}`),
              })}
            </li>
          ))}
        </ul>
      )}
      <p className="audit__rule">{t('audit.alerts.rule', { floor: rule.floorPerDay, factor: rule.factor, peers: rule.minShopPeers })}</p>
    </section>
  );
}
