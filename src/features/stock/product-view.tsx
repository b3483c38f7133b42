import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../app/use-now.ts';
import { useAvailability, useVariants, type LocationAvailability } from '../../db/index.ts';
import type { Order, Product } from '../../protocol/index.ts';
import { AvailabilityTable } from './availability-table.tsx';
import { OrderForm } from './order-form.tsx';
import { VariantGrid } from './variant-grid.tsx';

interface Props {
  product: Product;
  shopId: string;
  stale: boolean;
  onPick: (jan: string) => void;
  onOrdered: (order: Order) => void;
}

/** One product: its style's variant grid, then where the selected variant is, then the order form. */
export function ProductView({ product, shopId, stale, onPick, onOrdered }: Props) {
  const { t } = useTranslation();
  const now = useNow();
  const variants = useVariants(product, shopId);
  const availability = useAvailability(product.jan, shopId);
  const [ordering, setOrdering] = useState<LocationAvailability | null>(null);
  return (
    <section className="panel" data-testid="product-view" data-jan={product.jan}>
      <h2 className="panel__title" data-testid="product-name">
        {product.name}
      </h2>
      <p className="stock-results__meta">
        {[product.size, product.colour].filter((part) => part !== '').join(' / ')} · {product.jan} · {t('stock.price', { price: product.priceYen })}
      </p>
      {variants && variants.length > 1 ? <VariantGrid cells={variants} selected={product.jan} onPick={onPick} /> : null}
      {availability ? <AvailabilityTable rows={availability} now={now} stale={stale} onOrder={setOrdering} /> : null}
      {ordering ? (
        <OrderForm
          key={ordering.locationId}
          jan={product.jan}
          from={ordering}
          onCancel={() => setOrdering(null)}
          onDone={(order) => {
            setOrdering(null);
            onOrdered(order);
          }}
        />
      ) : null}
    </section>
  );
}
