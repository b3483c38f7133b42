import { randomUUID } from 'node:crypto';
import { matchBand } from '../../../src/domain/identity/match-band.ts';
import type { Member, MergeRecord } from '../../../src/protocol/index.ts';
import { TenpoError } from '../../../src/protocol/index.ts';
import type { Queryable } from '../../store/sql.ts';
import { recordServerAudit } from '../audit.ts';
import { MEMBER_COLUMNS, memberDocument, withoutTombstone } from '../documents.ts';
import { isoTime } from '../rows.ts';
import type { SyncServices } from '../sync-push.ts';
import { writeTransaction } from '../write-transaction.ts';
import { identitiesOf } from './identities.ts';
import { mergeById, mergeByKey, publicMerge } from './merge-records.ts';
import { moveLots } from './move-lots.ts';

export interface MergeInput {
  idempotencyKey: string;
  survivorNo: string;
  mergedNo: string;
  /** `auto` for the resolve job, `key:<hash prefix>` for an API caller. */
  by: string;
}

export interface MergeOptions {
  /** Posting time; default the database clock (tests pass their own). */
  now?: string;
  /** Issue 6: the manager whose PIN approved it (an HQ merge); recorded in audit_events with the merge. */
  approvedBy?: string;
}

export async function databaseNow(tx: Queryable): Promise<string> {
  const { rows } = await tx.query<{ now: unknown }>('select now() as now');
  return isoTime(rows[0]?.now);
}

/** A live member by its own number (no merge resolution: a merge names exact records). */
export async function exactMember(tx: Queryable, memberNo: string): Promise<Member> {
  const { rows } = await tx.query(`select ${MEMBER_COLUMNS} from members where member_no = $1 and not deleted`, [memberNo]);
  const row = rows[0];
  if (!row) throw new TenpoError('unknown-member', `no member ${memberNo}`, 422, { memberNo });
  return withoutTombstone(memberDocument(row));
}

/**
 * Merges `mergedNo` into `survivorNo` in one write transaction. Both records
 * stay; the merged one gets `mergedInto` (tablets pull it and resolve its old
 * number and QR to the survivor). Its points move lot by lot with their
 * expiries (moveLots). A retry with the same key answers the first merge.
 */
export async function mergeMembers(
  services: SyncServices,
  input: MergeInput,
  options: MergeOptions = {},
): Promise<{ merge: MergeRecord; created: boolean }> {
  return writeTransaction(services.sql, services.notifier, async (ctx) => {
    const { tx } = ctx;
    const earlier = await mergeByKey(tx, input.idempotencyKey);
    if (earlier) {
      if (earlier.survivorNo !== input.survivorNo || earlier.mergedNo !== input.mergedNo) {
        throw new TenpoError('idempotency-conflict', `idempotency key ${input.idempotencyKey} was used for another merge`, 409, {
          idempotencyKey: input.idempotencyKey,
        });
      }
      return { merge: publicMerge(earlier), created: false };
    }

    const survivor = await exactMember(tx, input.survivorNo);
    const merged = await exactMember(tx, input.mergedNo);
    refuseMerge(survivor, merged);

    const identities = await identitiesOf(tx, [survivor.id, merged.id]);
    const a = identities.get(survivor.id);
    const b = identities.get(merged.id);
    const match = a && b ? matchBand(a.identity, b.identity) : { band: 'ignore' as const, reasons: [] };
    // A merge HQ decides on less than the rules' review evidence is recorded as manual, with what did agree.
    const band = match.band === 'ignore' ? 'manual' : match.band;
    const reasons = match.band === 'ignore' ? [] : match.reasons;

    const now = options.now ?? (await databaseNow(tx));
    const id = randomUUID();
    // The merge row first: the moved lots refer to it.
    await tx.query(
      `insert into member_merges (id, idempotency_key, survivor_id, merged_id, band, reasons, merged_by, merged_at)
       values ($1, $2, $3, $4, $5, $6::text[], $7, $8)`,
      [id, input.idempotencyKey, survivor.id, merged.id, band, reasons, input.by, now],
    );
    await moveLots(ctx, { mergeId: id, fromId: merged.id, toId: survivor.id, firstPosition: 0, now });
    await tx.query('update members set merged_into = $1, updated_at = $2 where id = $3', [survivor.id, now, merged.id]);
    ctx.changed.add('members');
    await recordServerAudit(tx, {
      action: 'merge',
      memberId: survivor.id,
      at: now,
      approvedBy: options.approvedBy ?? null,
      detail: { mergeId: id, mergedMemberId: merged.id, by: input.by },
    });

    const stored = await mergeById(tx, id);
    if (!stored) throw new Error(`merge ${id} not found after insert`);
    return { merge: publicMerge(stored), created: true };
  });
}

/**
 * Merging into oneself would make a loop; into a merged record, a chain whose
 * undo could not be told apart; a record already merged, a second copy of its
 * points. Each is a 409 with a stable code and nothing written.
 */
function refuseMerge(survivor: Member, merged: Member): void {
  if (survivor.id === merged.id) {
    throw new TenpoError('merge-same-member', 'a member cannot be merged into itself', 409, { memberNo: survivor.memberNo });
  }
  for (const member of [merged, survivor]) {
    if (member.mergedInto !== '') {
      throw new TenpoError('member-already-merged', `member ${member.memberNo} is already merged into another member`, 409, {
        memberNo: member.memberNo,
      });
    }
  }
}
