import { from, map, switchMap, type Observable } from 'rxjs';
import { paperCardEntryId, parsePaperCardNo } from '../domain/paper-card.ts';
import { pointEntryDraftSchema, type Approval, type PointEntry } from '../protocol/index.ts';
import { isValidApproval } from '../staff/approver.ts';
import { signedInStaff } from '../staff/session.ts';
import { recordAudit } from './audit.ts';
import { getDatabase, type TenpoDatabase } from './database.ts';
import { loadEnrolment } from './enrolment.ts';
import { observePaperCardRecords, savePaperCardRecord, type PaperCardRecord } from './paper-card-records.ts';
import { loadPointsPolicy } from './policy.ts';

/**
 * The paper card migration wizard's named operation (issue 4, point 6). It
 * writes one `migration` entry whose id is derived from the card number
 * (paperCardEntryId): the server posts each card once in the whole chain,
 * whichever tablet reaches it first. Everything here works offline.
 */

export interface MigratePaperCardInput {
  memberId: string;
  /** As typed or scanned; normalised and checked here again. */
  cardNo: string;
  /** The balance printed or stamped on the card. */
  points: number;
  /** A small JPEG data URL of the card, or omitted. */
  photo?: string;
  /**
   * Above the policy's approval threshold: a manager's approval (issue 6: the
   * approval dialog checked their PIN; this replaces issue 4's single policy PIN).
   */
  approval?: Approval;
}

export type MigrateFailure =
  | 'not-enrolled'
  | 'member-not-found'
  | 'invalid-card'
  | 'invalid-points'
  /** The card is on a member already, or this tablet holds its migration entry. */
  | 'card-already-migrated'
  /** Above the threshold and no valid manager's approval. */
  | 'approval-required'
  /** Kept for messages of issue 4's policy PIN; no longer returned. */
  | 'wrong-pin'
  | 'approval-unavailable'
  | 'storage-error';

export type MigrateResult = { ok: true; entry: PointEntry } | { ok: false; reason: MigrateFailure; cardNo?: string };

/** Whether the manager PIN is needed for this balance, under the synced policy. */
export async function migrationNeedsApproval(points: number): Promise<boolean> {
  return points > (await loadPointsPolicy()).migration.approvalThresholdPoints;
}

/**
 * True when this tablet already knows the card as migrated: on a member (the
 * server linked it) or as a migration entry here. Lets the wizard refuse at
 * the card step; the server stays the authority for what no tablet saw yet.
 */
export async function paperCardTaken(cardNo: string): Promise<boolean> {
  const db = await getDatabase();
  if (await db.point_entries.findOne(paperCardEntryId(cardNo)).exec()) return true;
  return cardOnAMember(db, cardNo);
}

/** Not indexed (an array field): migrations are rare, and the members collection is local. */
async function cardOnAMember(db: TenpoDatabase, cardNo: string): Promise<boolean> {
  const holders = await db.members.find({ selector: { paperCards: { $elemMatch: { $eq: cardNo } } }, limit: 1 }).exec();
  return holders.length > 0;
}

export async function migratePaperCard(input: MigratePaperCardInput): Promise<MigrateResult> {
  const card = parsePaperCardNo(input.cardNo);
  if (!card.ok) return { ok: false, reason: 'invalid-card' };
  const { cardNo } = card;
  if (!Number.isInteger(input.points) || input.points <= 0) return { ok: false, reason: 'invalid-points' };
  const enrolment = await loadEnrolment();
  if (!enrolment) return { ok: false, reason: 'not-enrolled' };
  const db = await getDatabase();
  const entryId = paperCardEntryId(cardNo);

  const existing = await db.point_entries.findOne(entryId).exec();
  if (existing) {
    const entry = existing.toMutableJSON();
    // A double tap on 確定 finds its own first write: the same answer, not a refusal.
    const same = entry.memberId === input.memberId && entry.points === input.points && entry.deviceId === enrolment.deviceId;
    return same ? { ok: true, entry } : { ok: false, reason: 'card-already-migrated', cardNo };
  }
  if (await cardOnAMember(db, cardNo)) return { ok: false, reason: 'card-already-migrated', cardNo };
  if (!(await db.members.findOne(input.memberId).exec())) return { ok: false, reason: 'member-not-found' };

  const approval = await checkApproval(input.points, input.approval);
  if (approval !== 'not-needed' && approval !== 'manager-pin') return { ok: false, reason: approval };

  const createdAt = new Date().toISOString();
  const parsed = pointEntryDraftSchema.safeParse({
    id: entryId,
    memberId: input.memberId,
    type: 'migration',
    points: input.points,
    amountYen: 0,
    channel: 'store',
    shopId: enrolment.shop.id,
    deviceId: enrolment.deviceId,
    staffId: signedInStaff()?.staffId ?? '',
    ref: cardNo,
    createdAt,
  });
  // An entry the server would refuse would block this tablet's push queue for ever.
  if (!parsed.success) return { ok: false, reason: 'invalid-points' };

  const record: PaperCardRecord = {
    cardNo,
    entryId,
    memberId: input.memberId,
    deviceId: enrolment.deviceId,
    points: input.points,
    photo: input.photo ?? '',
    approval: approval === 'manager-pin' ? 'manager-pin' : '',
    createdAt,
  };
  try {
    // The record first: if the entry were written and the record lost, a refusal could not be told from a posting.
    await savePaperCardRecord(record).catch(async (error: unknown) => {
      // A photo too large for what storage has left: keep the migration, drop the photo.
      console.warn('paper card photo not kept', error);
      await savePaperCardRecord({ ...record, photo: '' });
    });
    const doc = await db.point_entries.insert(parsed.data);
    await recordAudit({
      action: 'migration',
      memberId: input.memberId,
      approvedBy: approval === 'manager-pin' ? (input.approval?.staffId ?? null) : null,
      detail: { entryId, points: input.points },
    });
    return { ok: true, entry: doc.toMutableJSON() };
  } catch (error) {
    console.error('paper card migration write failed', error);
    return { ok: false, reason: 'storage-error' };
  }
}

async function checkApproval(points: number, approval: Approval | undefined): Promise<'not-needed' | 'manager-pin' | MigrateFailure> {
  const { migration } = await loadPointsPolicy();
  if (points <= migration.approvalThresholdPoints) return 'not-needed';
  return (await isValidApproval(approval)) ? 'manager-pin' : 'approval-required';
}

/**
 * Where one of this tablet's migrations stands. `refused`: the server holds
 * another tablet's migration of the card (another member, device or balance),
 * which replaced ours on sync; `winner` is that migration.
 */
export type MigrationStatus =
  | { state: 'pending' }
  | { state: 'posted'; entry: PointEntry }
  | { state: 'refused'; winner: PointEntry };

export function migrationStatus(record: PaperCardRecord, entry: PointEntry | undefined): MigrationStatus {
  if (!entry) return { state: 'pending' };
  const ours = entry.memberId === record.memberId && entry.deviceId === record.deviceId && entry.points === record.points;
  if (!ours) return { state: 'refused', winner: entry };
  return entry.postingNo === undefined ? { state: 'pending' } : { state: 'posted', entry };
}

export interface OwnMigration {
  record: PaperCardRecord;
  status: MigrationStatus;
}

/** This tablet's migrations, newest first, each with its live status. */
export function observeOwnMigrations(): Observable<OwnMigration[]> {
  return from(getDatabase()).pipe(
    switchMap((db) =>
      observePaperCardRecords().pipe(
        switchMap((records) =>
          db.point_entries.find({ selector: { id: { $in: records.map((r) => r.entryId) } } }).$.pipe(
            map((docs) => {
              const entries = new Map(docs.map((doc) => [doc.id, doc.toMutableJSON()]));
              return records.map((record) => ({ record, status: migrationStatus(record, entries.get(record.entryId)) }));
            }),
          ),
        ),
      ),
    ),
  );
}
