import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../protocol/index.ts';
import { QrScanner } from '../counter/qr-scanner.tsx';

interface Props {
  results: readonly Product[] | null;
  scanning: boolean;
  onSearch: (query: string) => void;
  onScanning: (on: boolean) => void;
  onScan: (text: string) => void;
  onCameraError: () => void;
  onPick: (jan: string) => void;
}

/** Type a name, kana or JAN, or scan the product's barcode with the same camera scanner as the counter. */
export function ProductSearch({ results, scanning, onSearch, onScanning, onScan, onCameraError, onPick }: Props) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');

  function submit(event: FormEvent): void {
    event.preventDefault();
    onScanning(false);
    onSearch(query);
  }

  return (
    <section className="panel" aria-labelledby="stock-search-title">
      <h2 className="panel__title" id="stock-search-title">
        {t('stock.title')}
      </h2>
      <form className="field" onSubmit={submit}>
        <label className="field__label" htmlFor="product-search">
          {t('stock.searchLabel')}
        </label>
        <div className="lookup__search">
          <input
            id="product-search"
            className="input"
            data-testid="product-search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            placeholder={t('stock.searchPlaceholder')}
            inputMode="text"
            autoComplete="off"
            enterKeyHint="search"
          />
          <button type="submit" className="button button--primary" data-testid="product-search-submit">
            {t('stock.searchSubmit')}
          </button>
        </div>
      </form>
      {scanning ? (
        <>
          <QrScanner onDecode={onScan} onError={onCameraError} />
          <button type="button" className="button button--wide" data-testid="product-scan-stop" onClick={() => onScanning(false)}>
            {t('stock.scanStop')}
          </button>
        </>
      ) : (
        <button type="button" className="button button--wide button--scan" data-testid="product-scan-start" onClick={() => onScanning(true)}>
          {t('stock.scanStart')}
        </button>
      )}
      {results === null ? null : results.length === 0 ? (
        <p className="message message--info" data-testid="product-no-results">
          {t('stock.noResults')}
        </p>
      ) : (
        <ul className="stock-results" data-testid="product-results">
          {results.map((product) => (
            <li key={product.jan}>
              <button type="button" className="stock-results__item" data-testid="product-result" data-jan={product.jan} onClick={() => onPick(product.jan)}>
                <span>{product.name}</span>
                <span className="stock-results__meta">
                  {[product.size, product.colour].filter((part) => part !== '').join(' / ')} {product.jan}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
