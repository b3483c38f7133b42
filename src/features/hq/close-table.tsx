import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.ts';
import type { PeriodClose } from '../../protocol/index.ts';

/** The snapshot's figures, one row each, in the order of the CSV (month-close-csv.ts). */
export function CloseTable({ close }: { close: PeriodClose }) {
  const { t, i18n } = useTranslation();
  const s = close.snapshot;
  const n = (value: number) => value.toLocaleString(i18n.language);
  const rows: [string, string][] = [
    [t('hqCloses.rows.closedAt'), formatDateTime(close.closedAt, i18n.language)],
    [t('hqCloses.rows.previousMonth'), s.previousMonth ?? '—'],
    [t('hqCloses.rows.postedThrough'), n(s.postedThrough)],
    [t('hqCloses.rows.opening'), n(s.opening)],
    ...Object.entries(s.movement).map(([kind, value]): [string, string] => [t(`hqCloses.movement.${kind as keyof typeof s.movement}`), n(value)]),
    [t('hqCloses.rows.earnedStore'), n(s.earnedByChannel.store)],
    [t('hqCloses.rows.earnedEc'), n(s.earnedByChannel.ec)],
    [t('hqCloses.rows.redemptionRate'), s.redemptionRate === null ? '—' : `${(s.redemptionRate * 100).toFixed(2)}%`],
    [t('hqCloses.rows.outstanding'), n(s.outstanding.points)],
    [t('hqCloses.rows.lotPoints'), n(s.outstanding.lotPoints)],
    [t('hqCloses.rows.debt'), n(s.outstanding.debt)],
    [t('hqCloses.rows.members'), n(s.outstanding.members)],
    ...Object.entries(s.outstanding.byLotAge).map(([age, value]): [string, string] => [t('hqCloses.rows.byLotAge', { age }), n(value)]),
    ...s.outstanding.byExpiryMonth.map(({ month, points }): [string, string] => [t('hqCloses.rows.byExpiryMonth', { month: month ?? '—' }), n(points)]),
    [t('hqCloses.rows.outstandingStore'), n(s.outstanding.byChannel.store)],
    [t('hqCloses.rows.outstandingEc'), n(s.outstanding.byChannel.ec)],
    [t('hqCloses.rows.flagged'), t('hqCloses.rows.countPoints', { count: s.flaggedOverdrafts.count, points: n(s.flaggedOverdrafts.points) })],
    [t('hqCloses.rows.late'), t('hqCloses.rows.countPoints', { count: s.late.count, points: n(s.late.points) })],
  ];
  return (
    <table className="close-table" data-testid="close-table" data-month={close.month}>
      <caption>{t('hqCloses.caption', { month: close.month })}</caption>
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td className="close-table__figure">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
