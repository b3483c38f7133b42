import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { wasRevoked } from '../../device/revoked-flag.ts';
import { useEnrolForm, type EnrolProblem } from './use-enrol-form.ts';
import './setup.css';

/** First run (or a wiped tablet): enrol with the shop's code. */
export function SetupScreen() {
  const { t } = useTranslation();
  const form = useEnrolForm(t('setup.deviceNameDefault'));
  // Read once: the flag is cleared by the next successful enrolment, which leaves this screen anyway.
  const [revoked] = useState(wasRevoked);
  return (
    <section className="panel setup">
      {revoked ? (
        <div className="message message--error" role="alert" data-testid="device-revoked">
          <strong>{t('device.revoked.title')}</strong>
          <p className="setup__revoked-body">{t('device.revoked.body')}</p>
        </div>
      ) : null}
      <h1 className="panel__title">{t('setup.title')}</h1>
      <p className="setup__intro">{t('setup.intro')}</p>
      <form className="form" onSubmit={form.submit} noValidate>
        <label className="field">
          <span className="field__label">{t('setup.code')}</span>
          <input
            className="input input--code"
            data-testid="enrol-code"
            value={form.code}
            onChange={(event) => form.setCode(event.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            autoFocus
          />
        </label>
        <label className="field">
          <span className="field__label">{t('setup.deviceName')}</span>
          <input
            className="input"
            data-testid="enrol-device-name"
            value={form.deviceName}
            onChange={(event) => form.setDeviceName(event.target.value)}
            autoComplete="off"
          />
        </label>
        {form.problem ? (
          <p className="message message--error" role="alert" data-testid="enrol-error">
            {problemText(t, form.problem)}
          </p>
        ) : null}
        <button type="submit" className="button button--primary button--wide" data-testid="enrol-submit" disabled={form.submitting}>
          {form.submitting ? t('setup.submitting') : t('setup.submit')}
        </button>
      </form>
    </section>
  );
}

function problemText(t: TFunction, problem: EnrolProblem): string {
  switch (problem) {
    case 'code-required':
      return t('setup.codeRequired');
    case 'name-required':
      return t('setup.nameRequired');
    case 'offline':
      return t('setup.offline');
    // The server checks the request shape; for a clerk a refused request is a wrong code.
    case 'invalid-request':
      return t('failure.invalid-enrolment-code');
    default:
      return t(`failure.${problem}`);
  }
}
