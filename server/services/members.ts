import type { Member, WireDocument } from '../../src/protocol/index.ts';
import { TenpoError } from '../../src/protocol/index.ts';
import { normaliseEmail } from '../../src/domain/identity/email.ts';
import { normalisePhone } from '../../src/domain/phone.ts';
import type { Queryable } from '../store/sql.ts';
import { MEMBER_COLUMNS, memberDocument } from './documents.ts';
import { nextMemberNo } from './member-numbers.ts';
import { sameInstant } from './rows.ts';
import type { WriteContext } from './write-transaction.ts';

/** A member write from a tablet: the state it based its edit on, and the edit. */
export interface MemberWrite {
  /** Null for a member the tablet created. */
  assumed: Record<string, unknown> | null;
  next: WireDocument<Member>;
}

/**
 * Mutable replication for members (DESIGN.md "Sync protocol"): a write lands
 * only if the stored member equals the state the tablet based its edit on;
 * otherwise the stored member comes back as a conflict and the tablet merges.
 * Returns the conflicts, in push order.
 */
export async function pushMembers({ tx, changed }: WriteContext, writes: readonly MemberWrite[]): Promise<WireDocument<Member>[]> {
  const known = new Map<string, WireDocument<Member>>();
  const { rows } = await tx.query(`select ${MEMBER_COLUMNS} from members where id = any($1::text[])`, [
    writes.map((w) => w.next.id),
  ]);
  for (const row of rows) known.set(String(row.id), memberDocument(row));

  const conflicts: WireDocument<Member>[] = [];
  for (const { assumed, next } of writes) {
    const stored = known.get(next.id);
    if (!stored) {
      // Unknown id: an insert. (An assumed state here would mean the server lost the
      // member; taking the tablet's copy is the best that can be done.)
      if (next._deleted) continue;
      known.set(next.id, await insertMember(tx, next));
      changed.add('members');
      continue;
    }
    if (assumed === null || !sameMember(stored, assumed)) {
      conflicts.push(stored);
      continue;
    }
    if (sameMember(stored, next)) continue;
    // A tablet neither deletes nor revives a member (merges and erasure are HQ's,
    // and a lost tablet must not be able to wipe members): answer with the stored
    // member so the tablet restores it.
    if (next._deleted || stored._deleted) {
      conflicts.push(stored);
      continue;
    }
    known.set(next.id, await updateMember(tx, next));
    changed.add('members');
  }
  return conflicts;
}

/** Field-by-field equality of the document, times compared as instants; never the seq. */
export function sameMember(stored: WireDocument<Member>, other: Record<string, unknown>): boolean {
  return (
    stored.id === other.id &&
    stored.memberNo === other.memberNo &&
    stored.name === other.name &&
    stored.nameKana === other.nameKana &&
    stored.phone === other.phone &&
    stored.email === other.email &&
    stored.homeShopId === other.homeShopId &&
    stored.consentTerms === (other.consentTerms ?? false) &&
    stored.consentMarketing === (other.consentMarketing ?? false) &&
    stored.phoneVerified === (other.phoneVerified ?? false) &&
    stored.emailVerified === (other.emailVerified ?? false) &&
    stored.lineUserId === (other.lineUserId ?? '') &&
    stored.mergedInto === (other.mergedInto ?? '') &&
    sameJson(stored.paperCards, other.paperCards ?? []) &&
    sameJson(stored.cardKeys, other.cardKeys ?? []) &&
    sameInstant(stored.updatedAt, other.updatedAt) &&
    stored._deleted === (other._deleted ?? false)
  );
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * What a tablet may write: name, kana, contact, consents, home shop. Phone and
 * e-mail are stored normalised (every spelling finds the same member); a value
 * that is not a phone number or an e-mail address is refused, not stored.
 */
function tabletFields(m: Member): { name: string; nameKana: string; phone: string; email: string; homeShopId: string; consentTerms: boolean; consentMarketing: boolean } {
  const phone = m.phone === '' ? '' : normalisePhone(m.phone);
  const email = m.email === '' ? '' : normaliseEmail(m.email);
  const bad = [
    ...(phone === null ? [{ path: 'phone', message: `"${m.phone}" is not a phone number` }] : []),
    ...(email === null ? [{ path: 'email', message: `"${m.email}" is not an e-mail address` }] : []),
  ];
  if (phone === null || email === null) {
    throw new TenpoError('invalid-request', 'invalid member', 400, [{ id: m.id, issues: bad }]);
  }
  return { name: m.name, nameKana: m.nameKana, phone, email, homeShopId: m.homeShopId, consentTerms: m.consentTerms, consentMarketing: m.consentMarketing };
}

/**
 * A member registered on a tablet. The server gives the permanent number when
 * the tablet has none yet (registered offline); a number a tablet already
 * shows (older tablets, tests) is kept if free. Server-owned fields start empty
 * whatever the tablet sent.
 */
async function insertMember(tx: Queryable, m: WireDocument<Member>): Promise<WireDocument<Member>> {
  const memberNo = m.memberNo === '' ? await nextMemberNo(tx) : m.memberNo;
  await requireFreeMemberNo(tx, { id: m.id, memberNo });
  const f = tabletFields(m);
  return one(
    tx,
    `insert into members (id, member_no, name, name_kana, phone, email, home_shop_id, consent_terms, consent_marketing, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning ${MEMBER_COLUMNS}`,
    [m.id, memberNo, f.name, f.nameKana, f.phone, f.email, f.homeShopId, f.consentTerms, f.consentMarketing, m.updatedAt],
  );
}

/** Only the fields a tablet owns change; the number, verification, merges, cards and keys stay the server's. */
async function updateMember(tx: Queryable, m: WireDocument<Member>): Promise<WireDocument<Member>> {
  const f = tabletFields(m);
  return one(
    tx,
    `update members set name = $2, name_kana = $3, phone = $4, email = $5, home_shop_id = $6,
            consent_terms = $7, consent_marketing = $8, updated_at = $9
      where id = $1 returning ${MEMBER_COLUMNS}`,
    [m.id, f.name, f.nameKana, f.phone, f.email, f.homeShopId, f.consentTerms, f.consentMarketing, m.updatedAt],
  );
}

/** Member numbers are unique: a tablet-made number that is taken is refused as bad input, not left to fail as a unique violation (a 500). */
async function requireFreeMemberNo(tx: Queryable, m: { id: string; memberNo: string }): Promise<void> {
  const { rows } = await tx.query('select id from members where member_no = $1 and id <> $2', [m.memberNo, m.id]);
  if (rows.length > 0) {
    throw new TenpoError('invalid-request', `member number ${m.memberNo} is already in use`, 400, {
      memberId: m.id,
      memberNo: m.memberNo,
    });
  }
}

async function one(tx: Queryable, text: string, params: unknown[]): Promise<WireDocument<Member>> {
  const row = (await tx.query(text, params)).rows[0];
  if (!row) throw new Error('write returned no row');
  return memberDocument(row);
}
