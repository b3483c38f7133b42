import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downscalePhoto } from './downscale-photo.ts';

/**
 * Step 4 (optional): a photo of the card, as evidence of the balance carried
 * over. `capture` opens the tablet's rear camera directly; desktops get a file picker.
 */
export function PhotoStep({ onPhoto, onBack }: { onPhoto: (photo: string) => void; onBack: () => void }) {
  const { t } = useTranslation();
  const [photo, setPhoto] = useState('');
  const [failed, setFailed] = useState(false);

  async function read(file: File | undefined): Promise<void> {
    if (!file) return;
    try {
      setPhoto(await downscalePhoto(file));
      setFailed(false);
    } catch (error) {
      console.warn('card photo unreadable', error);
      setFailed(true);
    }
  }

  return (
    <section className="panel form">
      <h3 className="panel__title">{t('migrate.stepPhoto')}</h3>
      <label className="field">
        <span className="field__label">{t('migrate.photo')}</span>
        <input type="file" accept="image/*" capture="environment" data-testid="migrate-photo"
          onChange={(event) => void read(event.target.files?.[0])} />
      </label>
      {photo === '' ? null : <img className="migrate__photo" src={photo} alt={t('migrate.photoTaken')} data-testid="migrate-photo-preview" />}
      <p className="message message--error" aria-live="polite">{failed ? t('migrate.photoFailed') : ''}</p>
      {photo === '' ? (
        <button type="button" className="button button--wide" data-testid="migrate-photo-skip" onClick={() => onPhoto('')}>{t('migrate.photoSkip')}</button>
      ) : (
        <button type="button" className="button button--primary button--wide" data-testid="migrate-photo-next" onClick={() => onPhoto(photo)}>{t('migrate.next')}</button>
      )}
      <button type="button" className="button" onClick={onBack}>{t('migrate.back')}</button>
    </section>
  );
}
