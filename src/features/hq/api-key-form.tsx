import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { HqSignInForm } from './hq-sign-in-form.tsx';
import './api-key-form.css';

/**
 * Every HQ screen asks for its credential the same way, once per tab
 * (hq-api.ts keeps it): head office staff sign in with their staff id and
 * PIN (issue 10); an integration may still use an API key, offered below.
 */
export function ApiKeyForm({ onSave }: { onSave: (credential: string) => void }) {
  const { t } = useTranslation();
  const [key, setKey] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (key.trim() !== '') onSave(key.trim());
  };
  return (
    <div className="hq-sign-in">
      <HqSignInForm onSignedIn={onSave} />
      <form className="form panel hq-key" onSubmit={submit} data-testid="hq-api-key">
        <h3 className="panel__title">{t('hq.signIn.keyTitle')}</h3>
        <p>{t('hq.signIn.keyIntro')}</p>
        <label className="field">
          <span className="field__label">{t('hq.merges.apiKey')}</span>
          <input className="input" type="password" autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)} />
          <span>{t('hq.merges.apiKeyHint')}</span>
        </label>
        <button type="submit" className="button">
          {t('hq.merges.open')}
        </button>
      </form>
    </div>
  );
}
