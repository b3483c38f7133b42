import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { newId, redeemPoints } from '../../db/index.ts';
import type { Approval, PointsPolicy } from '../../protocol/index.ts';
import { ApprovalDialog } from '../../staff/approval-dialog.tsx';
import { message, overLimitMessage, pointsFailureMessage, type CounterMessage } from './counter-message.ts';
import { parseWholeNumber } from './parse-whole-number.ts';
import { RedeemLimitText } from './redeem-limit-text.tsx';
import type { RedeemLimitState } from './use-redeem-limit.ts';

interface RedeemFormProps {
  memberId: string;
  /** What may be redeemed now and why; undefined while loading. */
  limit: RedeemLimitState | undefined;
  policy: PointsPolicy;
  say: (message: CounterMessage) => void;
  /** Redemption needs the member's own phone: a valid TNP2 code scanned in this session (DESIGN.md "Member QR codes"). */
  identifiedBySignedCode: boolean;
}

/**
 * Points to redeem, up to the limit the tablet may give now (the operation
 * checks again). Offline the limit says which bound applies, so the clerk can
 * tell the member what is possible now and what must wait for the network.
 * Above an offline cap (not the member's points), a manager may approve the
 * redemption with their PIN (issue 6).
 */
export function RedeemForm({ memberId, limit, policy, say, identifiedBySignedCode }: RedeemFormProps) {
  const { t } = useTranslation();
  const [input, setInput] = useState('');
  const [busy, setBusy] = useState(false);
  const [entryId, setEntryId] = useState(newId); // see EarnForm
  const [asking, setAsking] = useState(false);

  async function redeem(approval?: Approval): Promise<void> {
    if (!limit || !identifiedBySignedCode) return;
    const points = parseWholeNumber(input);
    if (points === null || points <= 0) return say(message('error', 'invalidPoints'));
    if (points > limit.limit && !approval) {
      const approvable = limit.offline && (limit.bound === 'per-transaction-cap' || limit.bound === 'daily-offline-cap');
      if (approvable) setAsking(true);
      return say(overLimitMessage(limit));
    }
    setBusy(true);
    try {
      const result = await redeemPoints({ id: entryId, memberId, points, offline: limit.offline, ...(approval ? { approval } : {}) });
      if (result.ok) {
        setInput('');
        setEntryId(newId());
        say(message('success', 'redeemed', { points: result.entry.points }));
      } else {
        say(pointsFailureMessage(result.reason, { limit: result.limit }));
      }
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent): void {
    event.preventDefault();
    if (!busy) void redeem();
  }

  return (
    <form className="panel form points-form" onSubmit={submit} noValidate>
      <h3 className="panel__title">{t('counter.redeemTitle')}</h3>
      <label className="field">
        <span className="field__label">{t('counter.redeemPoints')}</span>
        <input
          className="input input--number"
          data-testid="redeem-points"
          value={input}
          onChange={(event) => setInput(event.target.value)}
          disabled={!identifiedBySignedCode}
          inputMode="numeric"
          autoComplete="off"
          enterKeyHint="done"
        />
      </label>
      {identifiedBySignedCode ? null : (
        <p className="message message--info" data-testid="redeem-needs-signed">
          {t('card.redeemNeedsSigned')}
        </p>
      )}
      {limit ? <RedeemLimitText limit={limit} policy={policy} /> : <p className="points-form__preview">{'\u00a0'}</p>}
      <button type="submit" className="button button--primary button--wide" data-testid="redeem-submit" disabled={busy || !limit || !identifiedBySignedCode}>
        {t('counter.redeemSubmit')}
      </button>
      {asking ? (
        <ApprovalDialog
          action="redemption"
          onCancel={() => setAsking(false)}
          onApproved={(approval) => {
            setAsking(false);
            void redeem(approval);
          }}
        />
      ) : null}
    </form>
  );
}
