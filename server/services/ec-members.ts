import { randomUUID } from 'node:crypto';
import { normalisePhone } from '../../src/domain/phone.ts';
import type { CreateMemberRequest, Member, MemberSearchQuery } from '../../src/protocol/index.ts';
import { TenpoError } from '../../src/protocol/index.ts';
import type { Queryable } from '../store/sql.ts';
import { MEMBER_COLUMNS, memberDocument, withoutTombstone } from './documents.ts';
import { resolveLinkedMember } from './member-refs.ts';
import type { SyncServices } from './sync-push.ts';
import { nextMemberNo } from './member-numbers.ts';
import { writeTransaction } from './write-transaction.ts';

/**
 * Members made and found through /api/v1 (a sign-up on the EC site, an HQ
 * tool). Phone numbers and e-mail addresses are normalised before they are
 * stored or compared, so every spelling of one number finds the same member.
 */

/** The request as stored and compared: what a retry must repeat. */
interface NormalisedMember {
  name: string;
  nameKana: string;
  phone: string;
  email: string;
}

/** E.164, '' for no phone, or a 422 naming the field. */
export function phoneOrFail(input: string | undefined): string {
  if (input === undefined || input.trim() === '') return '';
  const phone = normalisePhone(input);
  if (phone === null) {
    throw new TenpoError('unprocessable', 'not a phone number', 422, [{ path: 'phone', message: `"${input}" is not a phone number` }]);
  }
  return phone;
}

/**
 * Makes a member with the next member number. With an idempotency key, a
 * retry with the same content returns the member made the first time
 * (`created: false`) and other content under the same key is refused.
 */
export async function createMember(services: SyncServices, request: CreateMemberRequest): Promise<{ member: Member; created: boolean }> {
  const wanted: NormalisedMember = {
    name: request.name,
    nameKana: request.nameKana,
    phone: phoneOrFail(request.phone),
    email: request.email ?? '',
  };
  return writeTransaction(services.sql, services.notifier, async ({ tx, changed }) => {
    const key = request.idempotencyKey;
    if (key !== undefined) {
      const earlier = await memberForKey(tx, key);
      if (earlier) {
        if (!sameRequest(earlier.request, wanted)) {
          throw new TenpoError('idempotency-conflict', `idempotency key ${key} was used for another member`, 409, { idempotencyKey: key });
        }
        return { member: earlier.member, created: false };
      }
    }
    // Under the write lock: two sign-ups at once cannot draw the same number.
    const memberNo = await nextMemberNo(tx);
    const { rows } = await tx.query(
      `insert into members (id, member_no, name, name_kana, phone, email, home_shop_id, updated_at)
       values ($1, $2, $3, $4, $5, $6, '', now()) returning ${MEMBER_COLUMNS}`,
      [randomUUID(), memberNo, wanted.name, wanted.nameKana, wanted.phone, wanted.email],
    );
    const row = rows[0];
    if (!row) throw new Error('insert returned no member');
    const member = withoutTombstone(memberDocument(row));
    if (key !== undefined) {
      await tx.query('insert into api_member_requests (idempotency_key, member_id, request) values ($1, $2, $3::jsonb)', [
        key,
        member.id,
        JSON.stringify(wanted),
      ]);
    }
    changed.add('members');
    return { member, created: true };
  });
}

async function memberForKey(tx: Queryable, key: string): Promise<{ member: Member; request: unknown } | null> {
  const { rows } = await tx.query(
    // No column name is in both tables, so the member columns need no qualifier.
    `select ${MEMBER_COLUMNS}, request from api_member_requests join members on id = member_id where idempotency_key = $1`,
    [key],
  );
  const row = rows[0];
  return row ? { member: withoutTombstone(memberDocument(row)), request: row.request } : null;
}

function sameRequest(stored: unknown, wanted: NormalisedMember): boolean {
  const s = (typeof stored === 'string' ? JSON.parse(stored) : stored) as Partial<NormalisedMember> | null;
  return s?.name === wanted.name && s.nameKana === wanted.nameKana && s.phone === wanted.phone && s.email === wanted.email;
}

/**
 * Live members whose phone (after normalisation) or e-mail (case-insensitive)
 * matches, by member number; or the one member a LINE or EC account id is
 * linked to, followed through merges (名寄せ) as a member number is.
 */
export async function findMembers(sql: Queryable, query: MemberSearchQuery): Promise<Member[]> {
  if (query.lineUserId !== undefined || query.ecAccountId !== undefined) {
    const resolved = query.lineUserId !== undefined
      ? await resolveLinkedMember(sql, 'line', query.lineUserId)
      : await resolveLinkedMember(sql, 'ec', query.ecAccountId ?? '');
    return resolved ? [resolved.member] : [];
  }
  const byPhone = query.phone !== undefined;
  const value = byPhone ? phoneOrFail(query.phone) : (query.email ?? '');
  // '' is "no phone / no e-mail" in the table: it must not match every member without one.
  if (value === '') return [];
  const where = byPhone ? 'phone = $1' : "lower(email) = $1 and email <> ''";
  const { rows } = await sql.query(`select ${MEMBER_COLUMNS} from members where ${where} and not deleted order by member_no`, [value]);
  return rows.map((row) => withoutTombstone(memberDocument(row)));
}
