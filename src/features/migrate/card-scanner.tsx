import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useQrScanner } from '../counter/use-qr-scanner.ts';

/**
 * The counter's camera decoder, reading the paper card's EAN-13 barcode
 * (the decoder already reads EAN-13 for product JANs). Mounted = camera on.
 */
export function CardScanner({ onDecode, onError }: { onDecode: (text: string) => void; onError: (error: unknown) => void }) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  useQrScanner(container, onDecode, onError);
  return (
    <div className="scanner">
      <div className="scanner__frame" ref={container} />
      <p className="scanner__hint">{t('migrate.cardScanHint')}</p>
    </div>
  );
}
