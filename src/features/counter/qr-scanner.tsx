import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useQrScanner } from './use-qr-scanner.ts';

/** The camera view. Mounted = camera on; unmount it to turn the camera off. */
export function QrScanner({ onDecode, onError }: { onDecode: (text: string) => void; onError: (error: unknown) => void }) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  useQrScanner(container, onDecode, onError);
  return (
    <div className="scanner">
      <div className="scanner__frame" ref={container} />
      <p className="scanner__hint">{t('counter.scanHint')}</p>
    </div>
  );
}
