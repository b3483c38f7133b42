import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import './api-key-form.css';

/** Every HQ screen asks for the API key the same way, once per tab (hq-api.ts keeps it). */
export function ApiKeyForm({ onSave }: { onSave: (key: string) => void }) {
  const { t } = useTranslation();
  const [key, setKey] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (key.trim() !== '') onSave(key.trim());
  };
  return (
    <form className="form panel hq-key" onSubmit={submit}>
      <label className="field">
        <span className="field__label">{t('hq.merges.apiKey')}</span>
        <input className="input" type="password" autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)} />
        <span>{t('hq.merges.apiKeyHint')}</span>
      </label>
      <button type="submit" className="button button--primary">
        {t('hq.merges.open')}
      </button>
    </form>
  );
}
