import { useTranslation } from 'react-i18next';
import type { LocationAvailability } from '../../db/index.ts';
import { ageText } from './age-text.ts';

interface Props {
  rows: readonly LocationAvailability[];
  now: string;
  /** Offline: every figure is the last one synced, and says so. */
  stale: boolean;
  onOrder: (row: LocationAvailability) => void;
}

/** This shop, other shops, the EC warehouse: what is available and how old that figure is. */
export function AvailabilityTable({ rows, now, stale, onOrder }: Props) {
  const { t } = useTranslation();
  return (
    <table className="stock-table" data-testid="availability">
      <caption className="panel__title">{t('stock.locations')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('stock.location')}</th>
          <th scope="col">{t('stock.available')}</th>
          <th scope="col">{stale ? t('stock.lastKnown') : t('stock.freshness')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr
            key={row.locationId}
            data-testid="stock-row"
            data-location={row.locationId}
            data-available={row.available}
            data-stale={stale}
            className={stale ? 'stock-table__row--stale' : undefined}
          >
            <th scope="row">
              {row.name}
              {row.own ? ` (${t('stock.ownShop')})` : ''}
            </th>
            <td>{row.available}</td>
            <td>{row.updatedAt === '' ? t('stock.neverReported') : ageText(t, row.updatedAt, now)}</td>
            <td>
              {!row.own && row.available > 0 ? (
                <button type="button" className="button" data-testid="order-start" data-location={row.locationId} onClick={() => onOrder(row)}>
                  {t('stock.order')}
                </button>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
