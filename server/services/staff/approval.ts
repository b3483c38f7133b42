import { verifyStaffPin } from '../../../src/domain/manager-pin.ts';
import { afterRightPin, afterWrongPin, isLockedOut, NO_WRONG_PINS, triesLeft, type PinAttempts } from '../../../src/domain/pin-lockout.ts';
import type { DevicePolicy, PinApproval } from '../../../src/protocol/index.ts';
import { APPROVER_ROLES, DEFAULT_DEVICE_POLICY, DEVICE_POLICY_SETTINGS_ID, devicePolicySchema, TenpoError } from '../../../src/protocol/index.ts';
import type { Queryable } from '../../store/sql.ts';
import { jsonValue } from '../rows.ts';
import { getSetting, setSetting } from '../settings.ts';
import type { SyncServices } from '../sync-push.ts';
import { writeTransaction } from '../write-transaction.ts';
import { findStaff, type StoredStaff } from './staff-docs.ts';
import { recordServerAudit } from '../audit.ts';

/**
 * A manager's PIN approving an HQ action on the server (merges and their
 * undo). The wrong PINs in a row are kept in the server-private settings
 * table, per staff member, so every server instance counts the same tries;
 * the lock-out rule is the device policy's, as on the tablets.
 */

export async function devicePolicy(sql: Queryable): Promise<DevicePolicy> {
  const { rows } = await sql.query<{ body: unknown }>('select body from setting_documents where id = $1 and not deleted', [DEVICE_POLICY_SETTINGS_ID]);
  const parsed = devicePolicySchema.safeParse(rows[0] ? (jsonValue(rows[0].body) as { devicePolicy?: unknown }).devicePolicy : undefined);
  return parsed.success ? parsed.data : DEFAULT_DEVICE_POLICY;
}

const attemptsKey = (staffId: string): string => `pin-attempts:${staffId}`;

async function readAttempts(tx: Queryable, staffId: string): Promise<PinAttempts> {
  const value = await getSetting(tx, attemptsKey(staffId));
  if (value === null) return NO_WRONG_PINS;
  try {
    const parsed = JSON.parse(value) as Partial<PinAttempts>;
    return { wrongInARow: Number(parsed.wrongInARow ?? 0), lockedUntil: typeof parsed.lockedUntil === 'number' ? parsed.lockedUntil : null };
  } catch {
    return NO_WRONG_PINS;
  }
}

type Outcome = { ok: true; approver: StoredStaff } | { ok: false; error: TenpoError };

/** One server-side PIN check: who may use their PIN here, and how a wrong one is answered. */
export interface ServerPinCheck {
  staffId: string;
  pin: string;
  /** What the PIN is for, as the audit events' detail.for says it. */
  action: string;
  /** The refusal for a staff member (or none found) who may not use their PIN here, checked before the PIN; null = may. */
  refuse: (found: StoredStaff | null) => TenpoError | null;
  /** A wrong PIN: 403 for an approval (the caller is authorised, the approval is not), 401 for a sign-in. */
  wrongPinStatus: 401 | 403;
  now: number;
}

/**
 * The PIN check with the lock-out, for approvals and the HQ sign-in alike:
 * the refusal first, then the lock-out, then the PIN. A wrong PIN is counted
 * (and audited) in its own transaction, committed before the refusal, so a
 * refused request still counts towards the lock-out; its error says how many
 * tries are left (details.triesLeft).
 */
export async function checkStaffPinOnServer(services: SyncServices, check: ServerPinCheck): Promise<StoredStaff> {
  const { staffId, now } = check;
  const outcome = await writeTransaction<Outcome>(services.sql, services.notifier, async ({ tx }) => {
    const found = await findStaff(tx, staffId);
    const refusal = check.refuse(found);
    if (refusal || !found) return { ok: false, error: refusal ?? new TenpoError('forbidden', 'no such staff member') };
    const attempts = await readAttempts(tx, staffId);
    if (isLockedOut(attempts, now)) return { ok: false, error: lockedOut(attempts) };
    if (await verifyStaffPin(check.pin, found.staff.pin)) {
      if (attempts.wrongInARow > 0) await setSetting(tx, attemptsKey(staffId), JSON.stringify(afterRightPin()));
      return { ok: true, approver: found };
    }
    const policy = await devicePolicy(tx);
    const next = afterWrongPin(attempts, policy, now);
    await setSetting(tx, attemptsKey(staffId), JSON.stringify(next.attempts));
    const shopId = found.staff.shopId;
    await recordServerAudit(tx, { action: 'approval-refused', approvedBy: null, shopId, detail: { staffId, for: check.action } });
    if (next.lockedNow) {
      await recordServerAudit(tx, { action: 'staff-lockout', staffId, shopId, detail: { for: check.action } });
      return { ok: false, error: lockedOut(next.attempts) };
    }
    return { ok: false, error: new TenpoError('wrong-pin', 'wrong PIN', check.wrongPinStatus, { triesLeft: triesLeft(next.attempts, policy, now) }) };
  });
  if (!outcome.ok) throw outcome.error;
  return outcome.approver;
}

/**
 * Checks the approval and returns the approver, or throws: 403
 * `approval-required` (no such active manager or hq), 403 `wrong-pin`, 423
 * `staff-locked-out`.
 */
export async function verifyApproval(services: SyncServices, approval: PinApproval, action: string, now: number = Date.now()): Promise<StoredStaff> {
  return checkStaffPinOnServer(services, {
    ...approval,
    action,
    now,
    wrongPinStatus: 403,
    refuse: (found) =>
      !found || !found.staff.active || !APPROVER_ROLES.includes(found.staff.role)
        ? new TenpoError('approval-required', 'the approval must come from an active manager or hq staff member')
        : null,
  });
}

function lockedOut(attempts: PinAttempts): TenpoError {
  const until = new Date(attempts.lockedUntil ?? 0).toISOString();
  return new TenpoError('staff-locked-out', `too many wrong PINs; locked until ${until}`, 423, { lockedUntil: until });
}
