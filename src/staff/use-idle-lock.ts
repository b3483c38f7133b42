import { useEffect } from 'react';
import { setSignedInStaff, useSignedInStaff } from './session.ts';
import { useDevicePolicy } from './use-shop-staff.ts';

const ACTIVITY = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;

/**
 * Signs the staff member out after the device policy's idle minutes without a
 * touch or a key: a tablet left on the counter must not stay open for the
 * next person. The timer restarts on every activity.
 */
export function useIdleLock(): void {
  const staff = useSignedInStaff();
  const { idleLockMinutes } = useDevicePolicy();
  useEffect(() => {
    if (!staff) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const restart = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => setSignedInStaff(null), idleLockMinutes * 60_000);
    };
    restart();
    for (const event of ACTIVITY) window.addEventListener(event, restart, { passive: true, capture: true });
    return () => {
      clearTimeout(timer);
      for (const event of ACTIVITY) window.removeEventListener(event, restart, { capture: true });
    };
  }, [staff, idleLockMinutes]);
}
