import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { APPROVER_ROLES, type Approval, type Staff } from '../protocol/index.ts';
import { StaffPinForm } from './staff-pin-form.tsx';
import { useShopStaff } from './use-shop-staff.ts';
import './staff.css';

export type ApprovalAction = 'redemption' | 'migration' | 'adjustment';

interface ApprovalDialogProps {
  action: ApprovalAction;
  onApproved: (approval: Approval) => void;
  onCancel: () => void;
}

/**
 * A manager (or hq) of this shop approves a guarded action with their PIN,
 * checked offline; wrong PINs count towards the same lock-out as at sign-in.
 * The caller records the action with `approvedBy` in its audit event.
 */
export function ApprovalDialog({ action, onApproved, onCancel }: ApprovalDialogProps) {
  const { t } = useTranslation();
  const shop = useShopStaff();
  const dialog = useRef<HTMLDialogElement>(null);
  const approvers = (shop?.staff ?? []).filter((staff) => APPROVER_ROLES.includes(staff.role));

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  function approve(staff: Staff): void {
    onApproved({ staffId: staff.staffId, at: new Date().toISOString() });
  }

  return (
    <dialog ref={dialog} className="approval" data-testid="approval-dialog" data-action={action} onCancel={onCancel}>
      <h2 className="panel__title">{t('staff.approval.title')}</h2>
      <p>{t('staff.approval.intro', { action: t(`staff.approval.actions.${action}`) })}</p>
      {shop && approvers.length === 0 ? <p className="message message--error">{t('staff.approval.noApprover')}</p> : null}
      {approvers.length > 0 ? (
        <StaffPinForm candidates={approvers} purpose="approval" chooseLabel={t('staff.approval.chooseApprover')} onVerified={approve} />
      ) : null}
      <button type="button" className="button" data-testid="approval-cancel" onClick={onCancel}>
        {t('staff.approval.cancel')}
      </button>
    </dialog>
  );
}
