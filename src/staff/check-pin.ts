import { recordAudit } from '../db/audit.ts';
import { verifyStaffPin } from '../domain/manager-pin.ts';
import { afterRightPin, afterWrongPin, isLockedOut, triesLeft } from '../domain/pin-lockout.ts';
import type { Staff } from '../protocol/index.ts';
import { loadDevicePolicy, loadPinAttempts, savePinAttempts } from './staff-records.ts';

export type PinCheck =
  | { ok: true }
  | { ok: false; reason: 'wrong-pin'; triesLeft: number }
  | { ok: false; reason: 'locked-out'; lockedUntil: number };

/**
 * Checks a staff member's PIN on this tablet, offline, against the synced
 * hash. Wrong PINs count towards the lock-out whether they were typed to sign
 * in or to approve (one count per staff member per tablet), and the count is
 * stored before the answer, so a reload cannot reset it. A refused approval
 * and a lock-out are audited.
 */
export async function checkStaffPin(staff: Staff, pin: string, purpose: 'sign-in' | 'approval', now: number = Date.now()): Promise<PinCheck> {
  const [attempts, policy] = await Promise.all([loadPinAttempts(staff.staffId), loadDevicePolicy()]);
  if (isLockedOut(attempts, now)) return { ok: false, reason: 'locked-out', lockedUntil: attempts.lockedUntil ?? now };
  if (await verifyStaffPin(pin, staff.pin)) {
    if (attempts.wrongInARow > 0) await savePinAttempts(staff.staffId, afterRightPin());
    return { ok: true };
  }
  const next = afterWrongPin(attempts, policy, now);
  await savePinAttempts(staff.staffId, next.attempts);
  if (purpose === 'approval') await recordAudit({ action: 'approval-refused', detail: { approver: staff.staffId } });
  if (next.lockedNow) {
    await recordAudit({ action: 'staff-lockout', staffId: staff.staffId, detail: { purpose } });
    return { ok: false, reason: 'locked-out', lockedUntil: next.attempts.lockedUntil ?? now };
  }
  return { ok: false, reason: 'wrong-pin', triesLeft: triesLeft(next.attempts, policy, now) };
}

/** When a staff member is locked out on this tablet now, until when (epoch ms); else null. */
export async function lockedOutUntil(staffId: string, now: number = Date.now()): Promise<number | null> {
  const attempts = await loadPinAttempts(staffId);
  return isLockedOut(attempts, now) ? attempts.lockedUntil : null;
}
