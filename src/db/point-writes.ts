import { approvedOfflineRedeemLimit } from '../domain/approved-redeem.ts';
import { redeemLimit, type RedeemLimit } from '../domain/balance.ts';
import { earnAtStore, planEarnReturn } from '../domain/points.ts';
import { pointEntryDraftSchema, type Approval, type PointEntry, type PointEntryDraft } from '../protocol/index.ts';
import { isValidApproval } from '../staff/approver.ts';
import { signedInStaff } from '../staff/session.ts';
import { recordAudit } from './audit.ts';
import { getDatabase } from './database.ts';
import { isCachedMember } from './member-cache.ts';
import { loadEnrolment, type Enrolment } from './enrolment.ts';
import { newId } from './new-id.ts';
import { readMemberPoints } from './points.ts';
import { loadPointsPolicy } from './policy.ts';

/**
 * Named ledger operations the counter calls. They only touch the local
 * database: the network is never on the path of a clerk's tap. Replication
 * pushes the entry later; its id is the idempotency key the server posts once.
 * Each operation checks its rule again on what is stored, whatever the screen
 * showed a moment earlier.
 */

export type PointsFailure =
  | 'not-enrolled'
  | 'member-not-found'
  | 'invalid-amount'
  | 'no-points'
  | 'invalid-points'
  | 'over-limit'
  | 'entry-not-found'
  | 'over-returned'
  | 'nothing-to-return'
  | 'duplicate-id'
  /** A guarded action (an adjustment) without a valid manager's approval. */
  | 'approval-required'
  | 'storage-error';

export type PointsResult =
  | { ok: true; entry: PointEntry }
  | { ok: false; reason: PointsFailure; limit?: RedeemLimit; yenPerPoint?: number };

export interface EarnInput {
  /**
   * The idempotency key. The counter makes it when the form opens and reuses
   * it until the write succeeds, so a double tap cannot earn twice; omitted,
   * one is made here, still before the first attempt.
   */
  id?: string;
  memberId: string;
  amountYen: number;
  /** Receipt number; '' when the clerk gave none. */
  ref?: string;
}

export interface RedeemInput {
  id?: string;
  memberId: string;
  points: number;
  /** The tablet cannot reach the server: offline caps apply and the entry is marked. */
  offline: boolean;
  ref?: string;
  /** Issue 6: a manager's approval lifts the offline caps (not the member's points) for this redemption. */
  approval?: Approval;
}

export interface AdjustInput {
  id?: string;
  memberId: string;
  points: number;
  direction: 'credit' | 'debit';
  /** Why: a receipt number or a short note; '' when none. */
  ref?: string;
  /** Required: adjustments are a manager's decision. */
  approval: Approval;
}

export interface ReturnInput {
  id?: string;
  memberId: string;
  /** The earn the goods were bought with. */
  earnId: string;
  /** Yen returned now (a partial return); absent: everything not returned yet. */
  returnedAmountYen?: number;
}

type Stamp = Pick<PointEntryDraft, 'channel' | 'shopId' | 'deviceId' | 'staffId' | 'createdAt'>;

/** Who wrote the entry (the signed-in staff member), where and when (the writer's clock: informational, posting order is the server's). */
function stamp(enrolment: Enrolment): Stamp {
  const staffId = signedInStaff()?.staffId ?? '';
  return { channel: 'store', shopId: enrolment.shop.id, deviceId: enrolment.deviceId, staffId, createdAt: new Date().toISOString() };
}

/** Points for a purchase under the synced policy, at the member's rank, with the campaign of the day. */
export async function earnPoints(input: EarnInput): Promise<PointsResult> {
  if (!Number.isInteger(input.amountYen) || input.amountYen <= 0) return { ok: false, reason: 'invalid-amount' };
  const written = await alreadyWritten(input.id, input.memberId, 'earn');
  if (written) return written;
  const enrolment = await loadEnrolment();
  if (!enrolment) return { ok: false, reason: 'not-enrolled' };
  const db = await getDatabase();
  const [policy, account] = await Promise.all([loadPointsPolicy(), db.point_accounts.findOne(input.memberId).exec()]);
  const base = stamp(enrolment);
  const earn = earnAtStore({ policy, rankId: account?.rank ?? '', amountYen: input.amountYen, shopId: base.shopId, at: base.createdAt });
  if (earn.points <= 0) return { ok: false, reason: 'no-points', yenPerPoint: policy.yenPerPoint };
  return recordEntry({
    ...base,
    id: input.id ?? newId(),
    memberId: input.memberId,
    type: 'earn',
    points: earn.points,
    amountYen: input.amountYen,
    ref: input.ref ?? '',
    rule: earn.rule,
    ...(earn.campaignId === undefined ? {} : { campaignId: earn.campaignId }),
  });
}

/**
 * Redeems up to the limit this tablet may give (domain/balance.ts
 * redeemLimit): the member's available points online, and offline also the
 * per-transaction and daily caps. The server posts in its own order and flags
 * an overdraft; it is never dropped (DESIGN.md "Points").
 */
export async function redeemPoints(input: RedeemInput): Promise<PointsResult> {
  if (!Number.isInteger(input.points) || input.points <= 0) return { ok: false, reason: 'invalid-points' };
  // A retry of a redemption already written must not be refused by the limit it already used.
  const written = await alreadyWritten(input.id, input.memberId, 'redeem');
  if (written) return written;
  const enrolment = await loadEnrolment();
  if (!enrolment) return { ok: false, reason: 'not-enrolled' };
  const db = await getDatabase();
  const [policy, { account, entries }] = await Promise.all([loadPointsPolicy(), readMemberPoints(db, input.memberId)]);
  const base = stamp(enrolment);
  const limit = redeemLimit({ offline: input.offline, account, entries, policy, now: base.createdAt });
  const approved = input.offline && input.points > limit.limit && (await isValidApproval(input.approval));
  // An approval lifts the offline caps only; the member's own points still bound it.
  const allowed = approved ? { limit: approvedOfflineRedeemLimit({ account, entries }), bound: 'balance' as const } : limit;
  if (input.points > allowed.limit) return { ok: false, reason: 'over-limit', limit: allowed };
  const result = await recordEntry({
    ...base,
    id: input.id ?? newId(),
    memberId: input.memberId,
    type: 'redeem',
    points: input.points,
    amountYen: 0,
    ref: input.ref ?? '',
    ...(input.offline ? { offline: true } : {}),
  });
  if (result.ok) {
    const approvedBy = approved ? (input.approval?.staffId ?? null) : null;
    await recordAudit({
      action: 'redemption',
      memberId: input.memberId,
      approvedBy,
      detail: { entryId: result.entry.id, points: result.entry.points, offline: input.offline, overCap: approved },
    });
  }
  return result;
}

/**
 * A manual adjustment (issue 6), approved by a manager of this shop or hq.
 * The approval travels in the entry's staffId (the server accepts a tablet's
 * adjustment only when that names such a manager); the audit event names the
 * clerk who was signed in as well.
 */
export async function adjustPoints(input: AdjustInput): Promise<PointsResult> {
  if (!Number.isInteger(input.points) || input.points <= 0) return { ok: false, reason: 'invalid-points' };
  const written = await alreadyWritten(input.id, input.memberId, 'adjust');
  if (written) return written;
  if (!(await isValidApproval(input.approval))) return { ok: false, reason: 'approval-required' };
  const enrolment = await loadEnrolment();
  if (!enrolment) return { ok: false, reason: 'not-enrolled' };
  const result = await recordEntry({
    ...stamp(enrolment),
    staffId: input.approval.staffId,
    id: input.id ?? newId(),
    memberId: input.memberId,
    type: 'adjust',
    direction: input.direction,
    points: input.points,
    amountYen: 0,
    ref: input.ref ?? '',
  });
  if (result.ok) {
    await recordAudit({
      action: 'adjustment',
      memberId: input.memberId,
      approvedBy: input.approval.staffId,
      detail: { entryId: result.entry.id, points: result.entry.points, direction: input.direction },
    });
  }
  return result;
}

/**
 * A return of goods bought with an earn: takes back the points the returned
 * part earned (planEarnReturn), on everything returned of it that this tablet
 * knows of. A return posted elsewhere and not synced yet may make the server
 * flag this one (reversal-exceeds-original); it is still posted.
 */
export async function returnEarn(input: ReturnInput): Promise<PointsResult> {
  const returned = input.returnedAmountYen;
  if (returned !== undefined && (!Number.isInteger(returned) || returned <= 0)) return { ok: false, reason: 'invalid-amount' };
  const written = await alreadyWritten(input.id, input.memberId, 'reversal');
  if (written) return written;
  const enrolment = await loadEnrolment();
  if (!enrolment) return { ok: false, reason: 'not-enrolled' };
  const db = await getDatabase();
  const { entries } = await readMemberPoints(db, input.memberId);
  const earn = entries.find((entry) => entry.id === input.earnId && entry.type === 'earn');
  if (!earn) return { ok: false, reason: 'entry-not-found' };

  const plan = planEarnReturn(earn, entries, returned);
  if (!plan.ok) return { ok: false, reason: plan.reason === 'not-an-earn' ? 'entry-not-found' : plan.reason };
  const { draft } = plan;
  return recordEntry({
    ...stamp(enrolment),
    id: input.id ?? newId(),
    memberId: input.memberId,
    type: 'reversal',
    reverses: draft.reverses,
    reversesType: draft.reversesType,
    points: draft.points,
    amountYen: draft.amountYen,
    ref: earn.ref,
  });
}

/**
 * A second tap or a retry after an error, with the form's same idempotency
 * key, finds the first write and gets it back — even if the rule would now
 * give another result (a campaign ended, the limit was used by that write).
 */
async function alreadyWritten(id: string | undefined, memberId: string, type: PointEntry['type']): Promise<PointsResult | null> {
  if (id === undefined) return null;
  const db = await getDatabase();
  const doc = await db.point_entries.findOne(id).exec();
  if (!doc) return null;
  const entry = doc.toMutableJSON();
  return entry.memberId === memberId && entry.type === type ? { ok: true, entry } : { ok: false, reason: 'duplicate-id' };
}

/** Appends one entry (the operations above have already looked for an earlier write with its id). */
async function recordEntry(draft: PointEntryDraft): Promise<PointsResult> {
  // Validate before writing: an entry the server would refuse would sit at
  // the head of the push queue for ever.
  const parsed = pointEntryDraftSchema.safeParse(draft);
  if (!parsed.success) {
    console.warn('refused an invalid point entry', parsed.error);
    return { ok: false, reason: draft.type === 'redeem' ? 'invalid-points' : 'invalid-amount' };
  }
  const db = await getDatabase();
  // A member looked up online and still cached is known to the server too (member-cache.ts).
  const known = (await db.members.findOne(draft.memberId).exec()) !== null || (await isCachedMember(db, draft.memberId));
  if (!known) return { ok: false, reason: 'member-not-found' };
  try {
    const doc = await db.point_entries.insert(parsed.data);
    return { ok: true, entry: doc.toMutableJSON() };
  } catch (error) {
    // Two writes with one key at once: the other one won, and is the answer.
    const written = await alreadyWritten(draft.id, draft.memberId, draft.type).catch(() => null);
    if (written) return written;
    // Quota exceeded, IndexedDB closed by the OS…: shown to the clerk, not swallowed.
    console.error('point entry write failed', error);
    return { ok: false, reason: 'storage-error' };
  }
}
