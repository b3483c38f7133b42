import { useTranslation } from 'react-i18next';
import { useProduct } from '../../db/index.ts';
import type { Order } from '../../protocol/index.ts';
import { orderStatusText } from './order-text.ts';

/** One order: what, how many, from where, and what the server made of it. */
export function OrderRow({ order, names }: { order: Order; names: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  // The catalogue name when this tablet has it; the JAN otherwise (a product the master dropped since).
  const product = useProduct(order.jan);
  return (
    <li
      className={`stock-orders__row stock-orders__row--${order.status}`}
      data-testid="order-row"
      data-status={order.status}
      data-jan={order.jan}
      data-order={order.id}
    >
      <span className="stock-orders__line">
        {t('stock.orderLine', {
          product: product?.name ?? order.jan,
          quantity: order.quantity,
          from: names.get(order.fromLocation) ?? order.fromLocation,
          fulfilment: order.fulfilment === 'pickup' ? t('stock.fulfilmentPickup') : t('stock.fulfilmentShip'),
        })}
      </span>
      <span className="stock-orders__status" data-testid="order-status">
        {orderStatusText(t, order, names)}
      </span>
    </li>
  );
}
