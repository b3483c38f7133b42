import type { TFunction } from 'i18next';
import type { Order } from '../../protocol/index.ts';

/**
 * What the clerk reads about an order's status. A refusal for stock names
 * where it sold out and where it is still available, from the server's
 * `alternatives`, with names from the synced locations.
 */
export function orderStatusText(t: TFunction, order: Order, names: ReadonlyMap<string, string>): string {
  const name = (id: string): string => names.get(id) ?? id;
  switch (order.status) {
    case 'pending':
      return order.offline ? t('stock.status.pendingOffline') : t('stock.status.pending');
    case 'refused': {
      if (order.reason !== 'out-of-stock') return t('stock.refusedOther', { reason: order.reason });
      const elsewhere = order.alternatives.filter((alternative) => alternative.available > 0 && alternative.locationId !== order.fromLocation);
      if (elsewhere.length === 0) return t('stock.refusedSoldOutNowhere', { from: name(order.fromLocation) });
      const list = elsewhere
        .map((alternative) => t('stock.alternativeItem', { name: name(alternative.locationId), count: alternative.available }))
        .join(t('stock.listSeparator'));
      return t('stock.refusedSoldOut', { from: name(order.fromLocation), alternatives: list });
    }
    default:
      return t(`stock.status.${order.status}`);
  }
}
