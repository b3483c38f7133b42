import type { LinkKind, MemberLink } from '../../src/protocol/index.ts';
import { TenpoError } from '../../src/protocol/index.ts';
import type { Queryable } from '../store/sql.ts';
import { isoTime } from './rows.ts';
import { resolveMemberByNo } from './identity/resolve.ts';
import { resolveLinkedMember } from './member-refs.ts';
import type { SyncServices } from './sync-push.ts';
import { writeTransaction } from './write-transaction.ts';

export type LinkResult = { status: 201 | 200; link: MemberLink };

/**
 * PUT /api/v1/members/:memberNo/links/:kind/:externalId. A number merged into
 * another links the survivor (new writes go to the survivor, as everywhere).
 * An id already linked to this person — to the survivor or to a record merged
 * into it — is "already linked"; to anyone else, 409 `link-conflict`.
 */
export async function linkMember(services: SyncServices, memberNo: string, kind: LinkKind, externalId: string): Promise<LinkResult> {
  return writeTransaction(services.sql, services.notifier, async ({ tx }) => {
    const target = await resolveMemberByNo(tx, memberNo);
    if (!target) throw new TenpoError('not-found', `no member ${memberNo}`, 404, { memberNo });
    const existing = await resolveLinkedMember(tx, kind, externalId);
    if (existing) {
      if (existing.member.id !== target.member.id) {
        throw new TenpoError('link-conflict', `${kind} id ${externalId} is linked to member ${existing.member.memberNo}`, 409, {
          kind,
          externalId,
          memberNo: existing.member.memberNo,
        });
      }
      return { status: 200, link: await storedLink(tx, kind, externalId, target.member.memberNo) };
    }
    // A row left by an unlinked id or a deleted member may still hold the key: it is linked anew.
    await tx.query(
      `insert into member_links (kind, external_id, member_id) values ($1, $2, $3)
       on conflict (kind, external_id) do update set member_id = excluded.member_id, linked_at = now(), updated_at = now(), deleted = false`,
      [kind, externalId, target.member.id],
    );
    return { status: 201, link: await storedLink(tx, kind, externalId, target.member.memberNo) };
  });
}

async function storedLink(tx: Queryable, kind: LinkKind, externalId: string, memberNo: string): Promise<MemberLink> {
  const { rows } = await tx.query<{ linked_at: unknown }>('select linked_at from member_links where kind = $1 and external_id = $2', [kind, externalId]);
  const row = rows[0];
  if (!row) throw new Error(`link ${kind}/${externalId} not found`);
  return { kind, externalId, memberNo, linkedAt: isoTime(row.linked_at) };
}
