import QRCode from 'qrcode';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.ts';
import type { EnrolmentCodeResponse } from '../../protocol/index.ts';
import type { Shop } from './device-api.ts';

interface Props {
  shops: readonly Shop[];
  code: EnrolmentCodeResponse | null;
  busy: boolean;
  onCreate: (shopId: string) => void;
}

/** Choose a shop, make a one-time code, show it large and as a QR for the new tablet. */
export function DeviceCodePanel({ shops, code, busy, onCreate }: Props) {
  const { t, i18n } = useTranslation();
  const [shopId, setShopId] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (shopId !== '') onCreate(shopId);
  };
  const shopName = shops.find((shop) => shop.id === code?.shopId)?.name ?? code?.shopId ?? '';
  return (
    <section className="panel device-code">
      <h3 className="panel__title">{t('hqDevices.code.title')}</h3>
      <form className="device-code__form" onSubmit={submit}>
        <label className="field">
          <span className="field__label">{t('hqDevices.code.shop')}</span>
          <select className="input" data-testid="device-code-shop" value={shopId} onChange={(event) => setShopId(event.target.value)}>
            <option value="">{t('hqDevices.code.chooseShop')}</option>
            {shops.map((shop) => (
              <option key={shop.id} value={shop.id}>
                {shop.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button--primary" disabled={busy || shopId === ''}>
          {busy ? t('hqDevices.code.creating') : t('hqDevices.code.create')}
        </button>
      </form>
      {code ? <ShownCode code={code} shopName={shopName} expiresAt={formatDateTime(code.expiresAt, i18n.language)} /> : null}
    </section>
  );
}

function ShownCode({ code, shopName, expiresAt }: { code: EnrolmentCodeResponse; shopName: string; expiresAt: string }) {
  const { t } = useTranslation();
  const [image, setImage] = useState<{ text: string; url: string } | null>(null);

  useEffect(() => {
    let cancelled = false;
    // Medium error correction: the QR is read off a desktop monitor by a tablet camera, glare and all.
    QRCode.toDataURL(code.qr, { errorCorrectionLevel: 'M', margin: 2, width: 240 })
      .then((url) => {
        if (!cancelled) setImage({ text: code.qr, url });
      })
      .catch((error: unknown) => console.error('could not draw the enrolment QR', error));
    return () => {
      cancelled = true;
    };
  }, [code.qr]);

  return (
    <div className="device-code__shown" role="status">
      <p className="device-code__shop">{t('hqDevices.code.shown', { shop: shopName })}</p>
      <p className="device-code__code" data-testid="enrolment-code">
        {code.code}
      </p>
      {image?.text === code.qr ? (
        <img className="device-code__qr" data-testid="enrolment-qr" src={image.url} alt={t('hqDevices.code.qrAlt', { code: code.code })} width={240} height={240} />
      ) : null}
      <p>{t('hqDevices.code.howTo')}</p>
      <p className="device-code__expiry">{t('hqDevices.code.expiresAt', { time: expiresAt })}</p>
    </div>
  );
}
