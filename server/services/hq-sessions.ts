import { timingSafeEqual } from 'node:crypto';
import type { HqSession, HqSignInRequest } from '../../src/protocol/index.ts';
import { HQ_SESSION_HOURS, HQ_SESSION_TOKEN_PREFIX, TenpoError } from '../../src/protocol/index.ts';
import type { Queryable } from '../store/sql.ts';
import { recordServerAudit } from './audit.ts';
import { isoTime } from './rows.ts';
import { checkStaffPinOnServer } from './staff/approval.ts';
import type { SyncServices } from './sync-push.ts';
import { randomToken, sha256Hex } from './tokens.ts';
import { writeTransaction } from './write-transaction.ts';

/**
 * Issue 10: HQ staff sign in to the HQ area with their staff id and PIN, the
 * same server-side check (and lock-out) as a manager's approval, and get a
 * session token that /api/v1 accepts as it accepts an API key. Only the
 * token's sha256 is stored.
 */

/**
 * Signs an hq staff member in, or throws: 401 `unauthorized` (no active staff
 * member with this id), 403 `not-hq` (another role), 401 `wrong-pin` (counted,
 * details.triesLeft), 423 `staff-locked-out`.
 */
export async function signInHq(services: SyncServices, request: HqSignInRequest, now: number = Date.now()): Promise<HqSession> {
  const signedIn = await checkStaffPinOnServer(services, {
    ...request,
    action: 'hq-sign-in',
    now,
    wrongPinStatus: 401,
    refuse: (found) => {
      if (!found || !found.staff.active) return new TenpoError('unauthorized', 'no active staff member with this id');
      // Checked before the PIN: a clerk's PIN is not tried (nor counted) where it could never open anything.
      if (found.staff.role !== 'hq') return new TenpoError('not-hq', 'the HQ area is for head office staff (role hq)');
      return null;
    },
  });
  const token = `${HQ_SESSION_TOKEN_PREFIX}${randomToken()}`;
  // The database's clock, the one the auth hook compares expires_at with.
  const expiresAt = await writeTransaction(services.sql, services.notifier, async ({ tx }) => {
    const { rows } = await tx.query<{ expires_at: unknown }>(
      `insert into hq_sessions (token_hash, staff_id, expires_at) values ($1, $2, now() + make_interval(hours => $3::int))
       returning expires_at`,
      [sha256Hex(token), signedIn.staff.staffId, HQ_SESSION_HOURS],
    );
    // In the same transaction: no sign-in without its record.
    await recordServerAudit(tx, { action: 'staff-sign-in', staffId: signedIn.staff.staffId, shopId: null, detail: { area: 'hq' } });
    return isoTime(rows[0]?.expires_at);
  });
  return { token, expiresAt, staff: { staffId: signedIn.staff.staffId, name: signedIn.staff.name } };
}

/**
 * The /api/v1 auth hook's question: is this Bearer a live API key, `extraKey`
 * (TENPO_API_KEY), or a live HQ session? One round trip, two primary-key
 * lookups. A session's expiry is the database's clock, as every server
 * instance reads the same one.
 */
export async function isAcceptedBearer(sql: Queryable, bearer: string, extraKey?: string): Promise<boolean> {
  const hash = sha256Hex(bearer);
  if (extraKey && timingSafeEqual(Buffer.from(hash, 'hex'), Buffer.from(sha256Hex(extraKey), 'hex'))) return true;
  const { rows } = await sql.query<{ ok: boolean }>(
    `select exists (select 1 from api_keys where key_hash = $1 and revoked_at is null)
         or exists (select 1 from hq_sessions where token_hash = $1 and revoked_at is null and expires_at > now()) as ok`,
    [hash],
  );
  return rows[0]?.ok === true;
}

/** Sign-out: the session named by its token ends now. False when the Bearer is no live session (an API key). */
export async function endHqSession(sql: Queryable, token: string): Promise<boolean> {
  const { rows } = await sql.query('update hq_sessions set revoked_at = now() where token_hash = $1 and revoked_at is null returning 1', [sha256Hex(token)]);
  return rows.length > 0;
}
