import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TenpoError } from '../../protocol/index.ts';
import { HqNetworkError, requestHqSession } from './hq-api.ts';

/** A refused sign-in: the code decides the words; the details what to do next (tries left, until when). */
type SignInFailure = { code: string; message: string; triesLeft?: number; lockedUntil?: string };

function failureOf(error: unknown): SignInFailure {
  if (error instanceof HqNetworkError) return { code: 'network', message: error.message };
  if (!(error instanceof TenpoError)) return { code: 'other', message: String(error) };
  const details = (error.details ?? {}) as { triesLeft?: unknown; lockedUntil?: unknown };
  return {
    code: error.code,
    message: error.message,
    ...(typeof details.triesLeft === 'number' ? { triesLeft: details.triesLeft } : {}),
    ...(typeof details.lockedUntil === 'string' ? { lockedUntil: details.lockedUntil } : {}),
  };
}

const KNOWN = new Set(['wrong-pin', 'not-hq', 'staff-locked-out', 'unauthorized', 'rate-limited', 'network']);

/** Issue 10: head office signs in as staff of role hq; the session token is what every HQ call then sends. */
export function HqSignInForm({ onSignedIn }: { onSignedIn: (token: string) => void }) {
  const { t, i18n } = useTranslation();
  const [staffId, setStaffId] = useState('');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<SignInFailure | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (staffId.trim() === '' || pin === '' || busy) return;
    setBusy(true);
    setFailure(null);
    requestHqSession(staffId.trim(), pin)
      .then((session) => onSignedIn(session.token))
      .catch((error: unknown) => {
        setFailure(failureOf(error));
        // A refused PIN is typed again from scratch.
        setPin('');
        setBusy(false);
      });
  };

  const text = (found: SignInFailure): string => {
    if (!KNOWN.has(found.code)) return t('hq.signIn.errors.other', { message: found.message });
    const until = found.lockedUntil ? new Date(found.lockedUntil).toLocaleString(i18n.language, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' }) : '';
    return t(`hq.signIn.errors.${found.code as 'wrong-pin'}`, { left: found.triesLeft ?? 0, until });
  };

  return (
    <form className="form panel hq-key" onSubmit={submit} data-testid="hq-sign-in">
      <h3 className="panel__title">{t('hq.signIn.title')}</h3>
      <p>{t('hq.signIn.intro')}</p>
      <label className="field">
        <span className="field__label">{t('hq.signIn.staffId')}</span>
        <input className="input" autoComplete="username" value={staffId} onChange={(e) => setStaffId(e.target.value)} data-testid="hq-sign-in-staff-id" />
      </label>
      <label className="field">
        <span className="field__label">{t('hq.signIn.pin')}</span>
        <input className="input" type="password" inputMode="numeric" autoComplete="current-password" value={pin} onChange={(e) => setPin(e.target.value)} data-testid="hq-sign-in-pin" />
      </label>
      {failure ? (
        <p className="message message--error" role="alert" data-testid="hq-sign-in-failure" data-code={failure.code}>
          {text(failure)}
        </p>
      ) : null}
      <button type="submit" className="button button--primary" disabled={busy} data-testid="hq-sign-in-submit">
        {busy ? t('hq.signIn.busy') : t('hq.signIn.submit')}
      </button>
    </form>
  );
}
