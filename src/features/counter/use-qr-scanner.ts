import { useEffect, useRef, type RefObject } from 'react';
import type { Html5Qrcode } from 'html5-qrcode';

/** The same code seen again within this time is the same card still in front of the camera. */
const REPEAT_MS = 2_500;

/**
 * Runs the camera and decoder inside `container` while the calling component
 * is mounted, and stops the camera when it unmounts (member found, screen
 * left). html5-qrcode is loaded on first use: it is large, and precached like
 * every other chunk, so scanning still works offline.
 *
 * Each run gets its own child element: under StrictMode (or a quick stop and
 * start) the previous scanner may still be stopping when the next starts, and
 * two scanners must never share one element.
 */
export function useQrScanner(
  container: RefObject<HTMLElement | null>,
  onDecode: (text: string) => void,
  onError: (error: unknown) => void,
): void {
  const callbacks = useRef({ onDecode, onError });
  useEffect(() => {
    callbacks.current = { onDecode, onError };
  });

  useEffect(() => {
    const host = container.current;
    if (!host) return undefined;
    const element = document.createElement('div');
    element.id = `qr-reader-${Math.random().toString(36).slice(2)}`;
    element.className = 'scanner__video';
    host.appendChild(element);

    let cancelled = false;
    let scanner: Html5Qrcode | null = null;
    let last = { text: '', at: 0 };

    const started = import('html5-qrcode')
      .then(async ({ Html5Qrcode, Html5QrcodeSupportedFormats }) => {
        if (cancelled) return;
        scanner = new Html5Qrcode(element.id, {
          verbose: false,
          // Member QR codes and product JAN (EAN-13) barcodes; fewer formats, faster decoding.
          formatsToSupport: [Html5QrcodeSupportedFormats.QR_CODE, Html5QrcodeSupportedFormats.EAN_13],
        });
        await scanner.start(
          { facingMode: 'environment' },
          {
            fps: 10,
            qrbox: (width, height) => {
              const size = Math.max(120, Math.floor(Math.min(width, height) * 0.7));
              return { width: size, height: size };
            },
          },
          (text) => {
            const now = Date.now();
            if (cancelled || (text === last.text && now - last.at < REPEAT_MS)) return;
            last = { text, at: now };
            callbacks.current.onDecode(text);
          },
          undefined,
        );
      })
      .catch((error: unknown) => {
        if (!cancelled) callbacks.current.onError(error);
      });

    return () => {
      cancelled = true;
      void started
        .then(async () => {
          if (scanner?.isScanning) await scanner.stop();
          scanner?.clear();
        })
        .catch(() => undefined)
        .finally(() => element.remove());
    };
  }, [container]);
}
