import type { LinkKind, Member, MemberRef } from '../../src/protocol/index.ts';
import { TenpoError } from '../../src/protocol/index.ts';
import type { Queryable } from '../store/sql.ts';
import { resolveMemberByNo, type ResolvedMember } from './identity/resolve.ts';

export interface FeedMember {
  /** The live member new rows go to: the survivor, when the named record was merged (名寄せ). */
  member: Member;
  /**
   * The member ids a stored row may carry and still be "the same member" for
   * a retry: the survivor and the record named, since a retry of a feed
   * posted before a merge names the old record, where the row stays.
   */
  sameMemberIds: ReadonlySet<string>;
}

/** The number of the record an external id is linked to (not followed through merges); null when not linked. */
export async function linkedMemberNo(tx: Queryable, kind: LinkKind, externalId: string): Promise<string | null> {
  const { rows } = await tx.query<{ member_no: string }>(
    `select m.member_no from member_links l join members m on m.id = l.member_id
      where l.kind = $1 and l.external_id = $2 and not l.deleted`,
    [kind, externalId],
  );
  return rows[0]?.member_no ?? null;
}

/** The member an external id finds now: the linked record, or the survivor it was merged into. */
export async function resolveLinkedMember(tx: Queryable, kind: LinkKind, externalId: string): Promise<ResolvedMember | null> {
  const memberNo = await linkedMemberNo(tx, kind, externalId);
  return memberNo === null ? null : resolveMemberByNo(tx, memberNo);
}

/**
 * The member a feed names by number, LINE user id or EC account id, followed
 * through merges as point entries and orders are. Unknown or unlinked: 422
 * `unknown-member`, saying what the sender can check.
 */
export async function resolveFeedMember(tx: Queryable, ref: MemberRef): Promise<FeedMember> {
  if ('memberNo' in ref) {
    const resolved = await resolveMemberByNo(tx, ref.memberNo);
    if (!resolved) {
      throw new TenpoError('unknown-member', `no member has number ${ref.memberNo}; check the member number on the receipt or card`, 422, {
        memberNo: ref.memberNo,
      });
    }
    return feedMember(tx, resolved);
  }
  const [kind, externalId, label]: [LinkKind, string, string] =
    'lineUserId' in ref ? ['line', ref.lineUserId, 'LINE user'] : ['ec', ref.ecAccountId, 'EC account'];
  const resolved = await resolveLinkedMember(tx, kind, externalId);
  if (!resolved) {
    throw new TenpoError(
      'unknown-member',
      `no member is linked to ${label} ${externalId}; link it first (PUT /api/v1/members/{memberNo}/links/${kind}/${externalId}) or send the member number`,
      422,
      { kind, externalId },
    );
  }
  return feedMember(tx, resolved);
}

async function feedMember(tx: Queryable, resolved: ResolvedMember): Promise<FeedMember> {
  const ids = new Set([resolved.member.id]);
  if (resolved.mergedFromNo !== undefined) {
    const { rows } = await tx.query<{ id: string }>('select id from members where member_no = $1', [resolved.mergedFromNo]);
    for (const row of rows) ids.add(row.id);
  }
  return { member: resolved.member, sameMemberIds: ids };
}
