import QRCode from 'qrcode';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEnrolment } from '../../db/index.ts';
import { pairingUrl, TenpoError, type CardPairing } from '../../protocol/index.ts';
import { requestCardPairing } from './card-api.ts';
import { useOnline } from './use-online.ts';
import './card.css';

interface Shown {
  pairing: CardPairing;
  url: string;
  image: string;
}

/**
 * At the counter: turn the member's phone into their card. The clerk asks the
 * server for a one-time code for the member standing here (the clerk is the
 * proof the phone is theirs); the member scans it (or types it) on #/card.
 * Online only: the server must record the code.
 */
export function PairingPanel({ memberId }: { memberId: string }) {
  const { t, i18n } = useTranslation();
  const online = useOnline();
  const enrolment = useEnrolment();
  const token = enrolment.status === 'ready' ? (enrolment.value?.token ?? null) : null;
  const [shown, setShown] = useState<Shown | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');

  async function start(): Promise<void> {
    if (!token) return;
    setBusy(true);
    setProblem('');
    try {
      const pairing = await requestCardPairing(token, memberId);
      const url = pairingUrl(window.location.origin, pairing.code);
      setShown({ pairing, url, image: await QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 240 }) });
    } catch (error) {
      console.error('card pairing request failed', error);
      setProblem(error instanceof TenpoError ? t(`failure.${error.code}`) : t('card.pairFailed'));
    } finally {
      setBusy(false);
    }
  }

  if (shown) {
    const time = new Date(shown.pairing.expiresAt).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' });
    return (
      <section className="panel pairing" data-testid="pairing-panel">
        <h3 className="panel__title">{t('card.pairTitle')}</h3>
        <img src={shown.image} alt={shown.url} width={240} height={240} />
        <p className="pairing__code" data-testid="pairing-code" data-url={shown.url}>
          {shown.pairing.code}
        </p>
        <p>{t('card.pairExpires', { time })}</p>
        <button type="button" className="button" onClick={() => setShown(null)}>
          {t('card.pairClose')}
        </button>
      </section>
    );
  }
  return (
    <section className="pairing">
      <button type="button" className="button button--wide" data-testid="pairing-start" disabled={!online || !token || busy} onClick={() => void start()}>
        {t('card.pairButton')}
      </button>
      {online ? null : <p className="points-form__preview">{t('card.pairNeedsNetwork')}</p>}
      {problem === '' ? null : (
        <p className="message message--error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
