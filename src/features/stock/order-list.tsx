import { useTranslation } from 'react-i18next';
import { useLocationNames, useShopOrders } from '../../db/index.ts';
import { OrderRow } from './order-row.tsx';

const NO_NAMES: ReadonlyMap<string, string> = new Map();

/** This shop's endless-aisle orders with the status the server gave them (pending until it has). */
export function OrderList({ shopId }: { shopId: string }) {
  const { t } = useTranslation();
  const orders = useShopOrders(shopId);
  const names = useLocationNames() ?? NO_NAMES;
  return (
    <section className="panel" aria-labelledby="orders-title">
      <h2 className="panel__title" id="orders-title">
        {t('stock.orders')}
      </h2>
      {orders && orders.length === 0 ? <p className="message message--info">{t('stock.noOrders')}</p> : null}
      <ul className="stock-orders" data-testid="order-list">
        {(orders ?? []).map((order) => (
          <OrderRow key={order.id} order={order} names={names} />
        ))}
      </ul>
    </section>
  );
}
