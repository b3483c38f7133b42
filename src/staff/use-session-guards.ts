import { useEffect } from 'react';
import { setSignedInStaff, useSignedInStaff } from './session.ts';
import { useIdleLock } from './use-idle-lock.ts';
import { useShopStaff } from './use-shop-staff.ts';

/**
 * Everything that ends a sign-in besides the sign-out button: the idle lock,
 * and HQ deactivating the staff member (or moving them to another shop) while
 * they are signed in here — the next sync signs them out.
 */
export function useSessionGuards(): void {
  useIdleLock();
  const staff = useSignedInStaff();
  const shop = useShopStaff();
  useEffect(() => {
    if (staff && shop?.synced && !shop.staff.some((member) => member.staffId === staff.staffId)) setSignedInStaff(null);
  }, [staff, shop]);
}
