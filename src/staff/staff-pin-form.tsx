import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Staff } from '../protocol/index.ts';
import { checkStaffPin, lockedOutUntil, type PinCheck } from './check-pin.ts';
import { PinKeypad } from './pin-keypad.tsx';

type PinFailure = Extract<PinCheck, { ok: false }>;

interface StaffPinFormProps {
  /** Whom the clerk may choose. */
  candidates: Staff[];
  purpose: 'sign-in' | 'approval';
  chooseLabel: string;
  onVerified: (staff: Staff) => void;
}

/** Choose a name, then type that person's PIN on the keypad: the sign-in screen and the approval dialog both. */
export function StaffPinForm({ candidates, purpose, chooseLabel, onVerified }: StaffPinFormProps) {
  const { t, i18n } = useTranslation();
  const [chosen, setChosen] = useState<Staff | null>(null);
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<PinFailure | null>(null);

  async function choose(staff: Staff): Promise<void> {
    setChosen(staff);
    setPin('');
    // Said at once: a locked-out staff member should not type a PIN only to hear it after.
    const until = await lockedOutUntil(staff.staffId);
    setFailure(until === null ? null : { ok: false, reason: 'locked-out', lockedUntil: until });
  }

  async function submit(): Promise<void> {
    if (!chosen || busy) return;
    setBusy(true);
    try {
      const result = await checkStaffPin(chosen, pin, purpose);
      setPin('');
      if (result.ok) onVerified(chosen);
      else setFailure(result);
    } finally {
      setBusy(false);
    }
  }

  if (!chosen) {
    return (
      <div className="staff-pin">
        <p className="staff-pin__prompt">{chooseLabel}</p>
        <ul className="staff-pin__names">
          {candidates.map((staff) => (
            <li key={staff.staffId}>
              <button type="button" className="button staff-pin__name" data-testid="staff-option" data-staff-id={staff.staffId}
                data-role={staff.role} onClick={() => void choose(staff)}>
                <span>{staff.name}</span>
                <span className="staff-pin__role">{t(`staff.roles.${staff.role}`)}</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
    );
  }

  const failureText = (() => {
    if (!failure) return '';
    if (failure.reason === 'wrong-pin') return t('staff.wrongPin', { left: failure.triesLeft });
    return t('staff.lockedOut', { until: new Date(failure.lockedUntil).toLocaleTimeString(i18n.language) });
  })();
  return (
    <div className="staff-pin" data-testid="staff-pin-entry" data-staff-id={chosen.staffId}>
      <p className="staff-pin__prompt">{t('staff.enterPin', { name: chosen.name })}</p>
      <PinKeypad value={pin} onChange={setPin} onSubmit={() => void submit()} disabled={busy || failure?.reason === 'locked-out'} />
      <p className="message message--error" data-testid="pin-failure" data-reason={failure?.reason} aria-live="polite">
        {busy ? t('staff.checking') : failureText}
      </p>
      <button type="button" className="button" data-testid="staff-choose-again" onClick={() => setChosen(null)}>
        {t('staff.back')}
      </button>
    </div>
  );
}
