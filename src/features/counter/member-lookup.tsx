import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSyncStatus } from '../../sync/index.ts';
import { message } from './counter-message.ts';
import { QrScanner } from './qr-scanner.tsx';
import type { Counter } from './use-counter.ts';

/** Scan a member card, or type a member number, phone, e-mail, kana or paper card number. */
export function MemberLookup({ counter }: { counter: Counter }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  // The tablet holds its shop's members only (issue 6): say so before a search comes back empty.
  const offline = useSyncStatus().state === 'offline';

  function submit(event: FormEvent): void {
    event.preventDefault();
    counter.setScanning(false);
    counter.search(query);
  }

  return (
    <section className="panel lookup" aria-labelledby="lookup-title">
      <h2 className="panel__title" id="lookup-title">
        {t('counter.lookupTitle')}
      </h2>
      <form className="field" onSubmit={submit}>
        <label className="field__label" htmlFor="member-search">
          {t('counter.searchLabel')}
        </label>
        <div className="lookup__search">
          <input
            id="member-search"
            className="input"
            data-testid="member-search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            placeholder={t('counter.searchPlaceholder')}
            // Kana and e-mail are searchable too: the full keyboard, not the phone pad.
            inputMode="text"
            autoComplete="off"
            enterKeyHint="search"
          />
          <button type="submit" className="button button--primary" data-testid="member-search-submit">
            {t('counter.searchSubmit')}
          </button>
        </div>
        {offline ? (
          <p className="lookup__hint" data-testid="member-search-offline">
            {t('message.offlineSearchHint')}
          </p>
        ) : null}
      </form>
      {counter.scanning ? (
        <>
          <QrScanner onDecode={counter.onScan} onError={() => {
            counter.setScanning(false);
            counter.say(message('error', 'cameraError'));
          }} />
          <button type="button" className="button button--wide" data-testid="scan-stop" onClick={() => counter.setScanning(false)}>
            {t('counter.scanStop')}
          </button>
        </>
      ) : (
        <button type="button" className="button button--wide button--scan" data-testid="scan-start" onClick={() => counter.setScanning(true)}>
          {t('counter.scanStart')}
        </button>
      )}
    </section>
  );
}
