import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { adjustPoints, newId } from '../../db/index.ts';
import type { Approval } from '../../protocol/index.ts';
import { ApprovalDialog } from '../../staff/approval-dialog.tsx';
import { message, pointsFailureMessage, type CounterMessage } from './counter-message.ts';
import { parseWholeNumber } from './parse-whole-number.ts';

interface AdjustFormProps {
  memberId: string;
  say: (message: CounterMessage) => void;
}

/**
 * A manual correction of a member's points (issue 6): a manager's decision,
 * so every submit asks for a manager's PIN, whoever is signed in. Folded away
 * under the everyday forms: it is rare, and a clerk should not tap it by mistake.
 */
export function AdjustForm({ memberId, say }: AdjustFormProps) {
  const { t } = useTranslation();
  const [input, setInput] = useState('');
  const [ref, setRef] = useState('');
  const [direction, setDirection] = useState<'credit' | 'debit'>('credit');
  const [asking, setAsking] = useState(false);
  const [entryId, setEntryId] = useState(newId); // see EarnForm

  function submit(event: FormEvent): void {
    event.preventDefault();
    const points = parseWholeNumber(input);
    if (points === null || points <= 0) return say(message('error', 'invalidPoints'));
    setAsking(true);
  }

  async function adjust(approval: Approval): Promise<void> {
    setAsking(false);
    const points = parseWholeNumber(input);
    if (points === null || points <= 0) return;
    const result = await adjustPoints({ id: entryId, memberId, points, direction, ref: ref.trim(), approval });
    if (result.ok) {
      setInput('');
      setRef('');
      setEntryId(newId());
      say(message('success', 'adjusted', { points: result.entry.points }));
    } else {
      say(pointsFailureMessage(result.reason, {}));
    }
  }

  return (
    <details className="panel adjust">
      <summary className="panel__title" data-testid="adjust-open">{t('staff.adjust.title')}</summary>
      <form className="form" onSubmit={submit} noValidate>
        <label className="field">
          <span className="field__label">{t('staff.adjust.points')}</span>
          <input className="input input--number" data-testid="adjust-points" value={input} inputMode="numeric" autoComplete="off"
            onChange={(event) => setInput(event.target.value)} />
        </label>
        <fieldset className="field">
          <label>
            <input type="radio" name="adjust-direction" data-testid="adjust-credit" checked={direction === 'credit'} onChange={() => setDirection('credit')} />
            {t('staff.adjust.credit')}
          </label>
          <label>
            <input type="radio" name="adjust-direction" data-testid="adjust-debit" checked={direction === 'debit'} onChange={() => setDirection('debit')} />
            {t('staff.adjust.debit')}
          </label>
        </fieldset>
        <label className="field">
          <span className="field__label">{t('staff.adjust.reason')}</span>
          <input className="input" data-testid="adjust-ref" value={ref} maxLength={64} autoComplete="off" onChange={(event) => setRef(event.target.value)} />
        </label>
        <button type="submit" className="button button--wide" data-testid="adjust-submit">
          {t('staff.adjust.submit')}
        </button>
      </form>
      {asking ? <ApprovalDialog action="adjustment" onCancel={() => setAsking(false)} onApproved={(approval) => void adjust(approval)} /> : null}
    </details>
  );
}
