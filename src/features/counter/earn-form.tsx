import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { earnPoints, newId } from '../../db/index.ts';
import { earnAtStore } from '../../domain/points.ts';
import type { PointsPolicy } from '../../protocol/index.ts';
import { message, pointsFailureMessage, type CounterMessage } from './counter-message.ts';
import { earnPreviewText } from './earn-preview.ts';
import { parseWholeNumber } from './parse-whole-number.ts';

interface EarnFormProps {
  memberId: string;
  /** The member's rank id; '' before their account reached this tablet (the lowest rank applies). */
  rankId: string;
  policy: PointsPolicy;
  shopId: string;
  now: string;
  say: (message: CounterMessage) => void;
}

/** Matches the protocol's `ref` limit, so a typed receipt number can never make the entry invalid. */
const REF_MAX = 64;

/**
 * Purchase amount in yen → points at the member's rank with the campaign of
 * the day, shown before the clerk confirms; the receipt number is optional
 * and is what a later return is matched on.
 */
export function EarnForm({ memberId, rankId, policy, shopId, now, say }: EarnFormProps) {
  const { t, i18n } = useTranslation();
  const [amount, setAmount] = useState('');
  const [receipt, setReceipt] = useState('');
  const [busy, setBusy] = useState(false);
  // The idempotency key exists before the first attempt and survives a failed
  // one; only a success makes the next. A double tap writes one entry.
  const [entryId, setEntryId] = useState(newId);

  const yen = parseWholeNumber(amount);
  const preview = yen !== null && yen > 0 ? earnAtStore({ policy, rankId, amountYen: yen, shopId, at: now }) : null;
  const points = preview?.points ?? 0;

  async function earn(): Promise<void> {
    if (yen === null || yen <= 0) return say(message('error', 'invalidAmount'));
    if (points <= 0) return say(message('error', 'noPoints', { yen: policy.yenPerPoint }));
    setBusy(true);
    try {
      const result = await earnPoints({ id: entryId, memberId, amountYen: yen, ref: receipt.trim() });
      if (result.ok) {
        setAmount('');
        setReceipt('');
        setEntryId(newId());
        say(message('success', 'earned', { points: result.entry.points }));
      } else {
        say(pointsFailureMessage(result.reason, { yenPerPoint: result.yenPerPoint ?? policy.yenPerPoint }));
      }
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent): void {
    event.preventDefault();
    if (!busy) void earn();
  }

  return (
    <form className="panel form points-form" onSubmit={submit} noValidate>
      <h3 className="panel__title">{t('counter.earnTitle')}</h3>
      <label className="field">
        <span className="field__label">{t('counter.earnAmount')}</span>
        <input
          className="input input--number"
          data-testid="earn-amount"
          value={amount}
          onChange={(event) => setAmount(event.target.value)}
          inputMode="numeric"
          autoComplete="off"
          enterKeyHint="next"
        />
      </label>
      <label className="field">
        <span className="field__label">{t('counter.earnRef')}</span>
        <input
          className="input"
          data-testid="earn-ref"
          value={receipt}
          onChange={(event) => setReceipt(event.target.value)}
          maxLength={REF_MAX}
          autoComplete="off"
          autoCapitalize="characters"
          enterKeyHint="done"
        />
      </label>
      <p
        className="points-form__preview"
        data-testid="earn-preview"
        data-points={points}
        data-campaign={preview?.campaignId}
        aria-live="polite"
      >
        {preview && points > 0 ? earnPreviewText(t, i18n.language, preview, policy) : '\u00a0'}
      </p>
      <button type="submit" className="button button--primary button--wide" data-testid="earn-submit" disabled={busy}>
        {t('counter.earnSubmit')}
      </button>
    </form>
  );
}
