import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../app/format.ts';
import { newId, returnEarn } from '../../db/index.ts';
import { planEarnReturn } from '../../domain/points.ts';
import { message, pointsFailureMessage, type CounterMessage } from './counter-message.ts';
import type { RecentEntry } from './member-ledger.ts';
import { parseWholeNumber } from './parse-whole-number.ts';

interface ReturnFormProps {
  memberId: string;
  earn: RecentEntry;
  say: (message: CounterMessage) => void;
  onClose: () => void;
}

/**
 * 返品: goods bought with an earn come back. Blank amount: everything not yet
 * returned, taking back all the points still standing; an amount: a partial
 * return, taking back the share of points those yen earned (reversalFor).
 */
export function ReturnForm({ memberId, earn, say, onClose }: ReturnFormProps) {
  const { t, i18n } = useTranslation();
  const [amount, setAmount] = useState('');
  const [busy, setBusy] = useState(false);
  const [entryId] = useState(newId); // see EarnForm; the form closes on success

  const typed = amount.trim();
  const yen = typed === '' ? undefined : parseWholeNumber(typed);
  // What the clerk is about to take back, from the same rule the write uses.
  const plan = yen === null || yen === 0 ? null : planEarnReturn(earn.entry, earn.returns, yen);

  async function submitReturn(): Promise<void> {
    if (yen === null || yen === 0) return say(message('error', 'invalidAmount'));
    setBusy(true);
    try {
      const result = await returnEarn({ id: entryId, memberId, earnId: earn.entry.id, ...(yen === undefined ? {} : { returnedAmountYen: yen }) });
      if (result.ok) {
        say(message('success', 'returned', { points: result.entry.points }));
        onClose();
      } else {
        say(pointsFailureMessage(result.reason, { returnableYen: earn.returnableYen }));
      }
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent): void {
    event.preventDefault();
    if (!busy) void submitReturn();
  }

  const lang = i18n.language;
  return (
    <li className="entry-return">
      <form className="form return-form" onSubmit={submit} noValidate>
        <p className="return-form__title">{t('counter.returnTitle', { yen: formatNumber(earn.entry.amountYen, lang) })}</p>
        <label className="field">
          <span className="field__label">{t('counter.returnAmount')}</span>
          <input
            className="input input--number"
            data-testid="return-amount"
            value={amount}
            onChange={(event) => setAmount(event.target.value)}
            placeholder={formatNumber(earn.returnableYen, lang)}
            inputMode="numeric"
            autoComplete="off"
            enterKeyHint="done"
          />
        </label>
        <p className="points-form__hint">{t('counter.returnLeft', { yen: formatNumber(earn.returnableYen, lang) })}</p>
        <p className="points-form__preview" data-testid="return-preview" data-points={plan?.ok ? plan.draft.points : 0} aria-live="polite">
          {plan?.ok ? t('counter.returnPreview', { points: formatNumber(plan.draft.points, lang) }) : '\u00a0'}
        </p>
        <div className="return-form__actions">
          <button type="button" className="button" onClick={onClose}>
            {t('counter.returnCancel')}
          </button>
          <button type="submit" className="button button--danger" data-testid="return-submit" disabled={busy}>
            {t('counter.returnSubmit')}
          </button>
        </div>
      </form>
    </li>
  );
}
