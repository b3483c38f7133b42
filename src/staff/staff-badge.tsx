import { useTranslation } from 'react-i18next';
import { setSignedInStaff, useSignedInStaff } from './session.ts';

/** In the header: who is signed in, and the way out. */
export function StaffBadge() {
  const { t } = useTranslation();
  const staff = useSignedInStaff();
  if (!staff) return null;
  return (
    <div className="header__staff" data-testid="signed-in-staff" data-staff-id={staff.staffId} data-role={staff.role}>
      <span>{t('staff.signedInAs', { name: staff.name })}</span>
      <button type="button" className="lang__button" data-testid="staff-sign-out" onClick={() => setSignedInStaff(null)}>
        {t('staff.signOut')}
      </button>
    </div>
  );
}
