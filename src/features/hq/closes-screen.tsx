import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { jstDate } from '../../domain/ledger/index.ts';
import { ApiKeyForm } from './api-key-form.tsx';
import './campaigns.css';
import { CloseTable } from './close-table.tsx';
import { HqFailureText } from './hq-failure-text.tsx';
import { useCloses } from './use-closes.ts';

/** The JST month before this one: the month HQ closes at the start of a month. */
function previousMonth(): string {
  const [year = 2000, month = 1] = jstDate(new Date().toISOString()).split('-').map(Number);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/**
 * #/hq/closes: the month-end close (月末締め). Pick a month, see its snapshot
 * (the outstanding points liability and what moved it), download it as CSV;
 * a month not closed yet can be closed here, after a confirmation, because a
 * close is for good.
 */
export function ClosesScreen() {
  const { t } = useTranslation();
  const closes = useCloses();
  const [month, setMonth] = useState(previousMonth);
  const [confirming, setConfirming] = useState(false);
  return (
    <section className="closes">
      <h2 className="panel__title">{t('hqCloses.title')}</h2>
      <p>{t('hqCloses.intro')}</p>
      {closes.apiKey === '' ? (
        <ApiKeyForm onSave={closes.saveApiKey} />
      ) : (
        <>
          <form
            className="closes__bar"
            onSubmit={(event) => {
              event.preventDefault();
              setConfirming(false);
              closes.show(month);
            }}
          >
            <label className="field">
              <span className="field__label">{t('hqCloses.month')}</span>
              <input className="input" type="month" data-testid="close-month" value={month} onChange={(e) => setMonth(e.target.value)} required />
            </label>
            <button type="submit" className="button button--primary" data-testid="close-show" disabled={closes.busy}>
              {t('hqCloses.show')}
            </button>
            <button type="button" className="button" onClick={closes.forgetApiKey}>
              {t('hq.merges.forgetKey')}
            </button>
          </form>
          <HqFailureText failure={closes.failure} />
          {closes.notClosed === month ? (
            <div className="panel" data-testid="close-not-closed">
              <p>{t('hqCloses.notClosed', { month })}</p>
              {confirming ? (
                <div role="alertdialog" aria-label={t('hqCloses.run')}>
                  <p>{t('hqCloses.confirm', { month })}</p>
                  <button
                    type="button"
                    className="button button--danger"
                    data-testid="close-confirm"
                    disabled={closes.busy}
                    onClick={() => {
                      setConfirming(false);
                      closes.run(month);
                    }}
                  >
                    {t('hqCloses.confirmYes')}
                  </button>
                  <button type="button" className="button" onClick={() => setConfirming(false)}>
                    {t('hqCloses.confirmNo')}
                  </button>
                </div>
              ) : (
                <button type="button" className="button button--primary" data-testid="close-run" onClick={() => setConfirming(true)}>
                  {t('hqCloses.run')}
                </button>
              )}
            </div>
          ) : null}
          {closes.close ? (
            <>
              <button type="button" className="button" data-testid="close-csv" disabled={closes.busy} onClick={() => closes.download(closes.close?.month ?? month)}>
                {t('hqCloses.csv')}
              </button>
              <CloseTable close={closes.close} />
            </>
          ) : null}
        </>
      )}
    </section>
  );
}
