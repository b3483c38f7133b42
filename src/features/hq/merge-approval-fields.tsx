import { useTranslation } from 'react-i18next';
import type { PinApproval } from '../../protocol/index.ts';

/**
 * Who approves merges and undos (issue 6): a manager's or hq staff member's id
 * and PIN, sent with each request and checked by the server, which counts
 * wrong PINs and locks the staff member out after too many.
 */
export function MergeApprovalFields({ approval, onChange }: { approval: PinApproval; onChange: (approval: PinApproval) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="panel form merge-review__approval">
      <legend className="field__label">{t('hq.merges.approvalTitle')}</legend>
      <label className="field">
        <span className="field__label">{t('hq.merges.approverId')}</span>
        <input className="input" data-testid="merge-approver-id" autoComplete="off" value={approval.staffId}
          onChange={(event) => onChange({ ...approval, staffId: event.target.value.trim() })} />
      </label>
      <label className="field">
        <span className="field__label">{t('hq.merges.approverPin')}</span>
        <input className="input input--code" type="password" data-testid="merge-approver-pin" inputMode="numeric" autoComplete="off"
          value={approval.pin} onChange={(event) => onChange({ ...approval, pin: event.target.value.trim() })} />
      </label>
    </fieldset>
  );
}
