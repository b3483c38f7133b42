import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CODE_ROTATION_S } from '../../domain/signed-member-code.ts';
import type { StoredCard } from './card-store.ts';
import { useRotatingCode } from './use-rotating-code.ts';
import './card.css';

/** The member's card: who, and the TNP2 QR the counter scans, renewed every CODE_ROTATION_S. */
export function CardView({ card, onRepair }: { card: StoredCard; onRepair: () => void }) {
  const { t } = useTranslation();
  const { code, left } = useRotatingCode(card);
  const [image, setImage] = useState('');

  useEffect(() => {
    if (code === '') return undefined;
    let cancelled = false;
    // Low error correction: a phone screen is clean, and fewer modules decode faster.
    QRCode.toDataURL(code, { errorCorrectionLevel: 'L', margin: 2, width: 320 })
      .then((url) => {
        if (!cancelled) setImage(url);
      })
      .catch((error: unknown) => console.error('could not draw the card QR', error));
    return () => {
      cancelled = true;
    };
  }, [code]);

  return (
    <section className="panel card" data-testid="card-view">
      <h2 className="panel__title">{t('card.title')}</h2>
      <p className="member__name" data-testid="card-name">
        {card.name}
      </p>
      <p className="member__no">
        {t('card.memberNo')} <span data-testid="card-member-no">{card.memberNo}</span>
      </p>
      <div className="card__qr" data-testid="card-code" data-code={code}>
        {image === '' ? null : <img src={image} alt={t('card.showAtCounter')} width={320} height={320} />}
      </div>
      <p>{t('card.showAtCounter')}</p>
      <p className="points-form__preview" data-testid="card-rotates">
        {t('card.rotates', { seconds: CODE_ROTATION_S, left })}
      </p>
      <button type="button" className="button" onClick={onRepair}>
        {t('card.repair')}
      </button>
    </section>
  );
}
