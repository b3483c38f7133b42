import { useTranslation } from 'react-i18next';
import { recordAudit } from '../db/audit.ts';
import type { Staff } from '../protocol/index.ts';
import { setSignedInStaff } from './session.ts';
import { StaffPinForm } from './staff-pin-form.tsx';
import { useShopStaff } from './use-shop-staff.ts';
import './staff.css';

/**
 * Before the counter: who is working? The tablet's own staff and hq, checked
 * offline against the synced hashes. Until the first settings sync brings any
 * staff, nobody gets in: there is nothing to check a PIN against.
 */
export function SignInScreen() {
  const { t } = useTranslation();
  const shop = useShopStaff();

  function signIn(staff: Staff): void {
    setSignedInStaff({ staffId: staff.staffId, name: staff.name, role: staff.role, shopId: staff.shopId });
    void recordAudit({ action: 'staff-sign-in' });
  }

  return (
    <section className="panel sign-in" data-testid="sign-in-screen">
      <h2 className="panel__title">{t('staff.signInTitle')}</h2>
      {shop === undefined ? <p className="app__status">{t('app.loading')}</p> : null}
      {shop && !shop.synced ? (
        <p className="message message--info" data-testid="sign-in-not-synced" role="status">
          {t('staff.notSynced')}
        </p>
      ) : null}
      {shop?.synced && shop.staff.length === 0 ? <p className="message message--error">{t('staff.noStaff')}</p> : null}
      {shop?.synced && shop.staff.length > 0 ? (
        <StaffPinForm candidates={shop.staff} purpose="sign-in" chooseLabel={t('staff.chooseName')} onVerified={signIn} />
      ) : null}
    </section>
  );
}
