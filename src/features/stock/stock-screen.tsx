import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../app/use-now.ts';
import { searchProducts, useProduct, type Enrolment } from '../../db/index.ts';
import { isValidJan } from '../../domain/jan.ts';
import type { Order, Product } from '../../protocol/index.ts';
import { useSyncStatus } from '../../sync/index.ts';
import { ageText } from './age-text.ts';
import { OrderList } from './order-list.tsx';
import { ProductSearch } from './product-search.tsx';
import { ProductView } from './product-view.tsx';
import './stock.css';

type Notice = { kind: 'info' | 'success' | 'error'; text: string } | null;

/**
 * Floor staff's stock screen: find a product (typed or scanned), see it here,
 * at the other shops and in the EC warehouse, and order it for the customer
 * (endless aisle). Offline it keeps showing the last synced figures, marked.
 */
export function StockScreen({ enrolment }: { enrolment: Enrolment }) {
  const { t } = useTranslation();
  const sync = useSyncStatus();
  const now = useNow();
  const [results, setResults] = useState<Product[] | null>(null);
  const [jan, setJan] = useState<string | null>(null);
  const [scanning, setScanning] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const product = useProduct(jan);
  const offline = sync.state === 'offline';
  // A sync error (server down, token revoked) leaves the figures just as old as being offline does.
  const stale = offline || sync.state === 'error';

  function pick(next: string): void {
    setJan(next);
    setNotice(null);
  }

  async function search(query: string): Promise<void> {
    setNotice(null);
    const found = await searchProducts(query);
    // A typed JAN or a single hit goes straight to the product.
    if (found.length === 1 && found[0]) {
      setResults(null);
      pick(found[0].jan);
    } else {
      setResults(found);
      setJan(null);
    }
  }

  /** The scanner reads member QR codes too: only a valid EAN-13 is a product here. */
  function onScan(text: string): void {
    const code = text.trim();
    if (!isValidJan(code)) {
      setNotice({ kind: 'error', text: t('stock.scanNotProduct') });
      return;
    }
    setScanning(false);
    setResults(null);
    pick(code);
  }

  function onOrdered(order: Order): void {
    setNotice({ kind: order.offline ? 'info' : 'success', text: order.offline ? t('stock.placedOffline') : t('stock.placed') });
  }

  return (
    <div className="stock" data-testid="stock-screen">
      {stale ? (
        <p className="message message--info stock__offline" role="status" data-testid="stock-offline">
          {!sync.lastSyncedAt
            ? t('stock.offlineNever')
            : t(offline ? 'stock.offlineNotice' : 'stock.syncErrorNotice', { age: ageText(t, sync.lastSyncedAt, now) })}
        </p>
      ) : null}
      <ProductSearch
        results={results}
        scanning={scanning}
        onSearch={(query) => void search(query)}
        onScanning={setScanning}
        onScan={onScan}
        onCameraError={() => {
          setScanning(false);
          setNotice({ kind: 'error', text: t('stock.cameraError') });
        }}
        onPick={(next) => {
          setResults(null);
          pick(next);
        }}
      />
      {notice ? (
        <p className={`message message--${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="stock-message">
          {notice.text}
        </p>
      ) : null}
      {jan && product === null ? (
        <p className="message message--error" role="alert" data-testid="product-unknown">
          {t('stock.notInCatalogue', { jan })}
        </p>
      ) : null}
      {product ? <ProductView product={product} shopId={enrolment.shop.id} stale={stale} onPick={pick} onOrdered={onOrdered} /> : null}
      <OrderList shopId={enrolment.shop.id} />
    </div>
  );
}
