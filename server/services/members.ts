import type { Member, WireDocument } from '../../src/protocol/index.ts';
import { TenpoError } from '../../src/protocol/index.ts';
import type { Queryable } from '../store/sql.ts';
import { MEMBER_COLUMNS, memberDocument } from './documents.ts';
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
    sameInstant(stored.updatedAt, other.updatedAt) &&
    stored._deleted === (other._deleted ?? false)
  );
}

async function insertMember(tx: Queryable, m: WireDocument<Member>): Promise<WireDocument<Member>> {
  await requireFreeMemberNo(tx, m);
  return one(
    tx,
    `insert into members (id, member_no, name, name_kana, phone, email, home_shop_id, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning ${MEMBER_COLUMNS}`,
    [m.id, m.memberNo, m.name, m.nameKana, m.phone, m.email, m.homeShopId, m.updatedAt],
  );
}

async function updateMember(tx: Queryable, m: WireDocument<Member>): Promise<WireDocument<Member>> {
  await requireFreeMemberNo(tx, m);
  return one(
    tx,
    `update members set member_no = $2, name = $3, name_kana = $4, phone = $5, email = $6,
            home_shop_id = $7, updated_at = $8
      where id = $1 returning ${MEMBER_COLUMNS}`,
    [m.id, m.memberNo, m.name, m.nameKana, m.phone, m.email, m.homeShopId, m.updatedAt],
  );
}

/**
 * Member numbers are unique. Until the server hands them out (members issue),
 * a tablet-made number that is taken is refused as bad input rather than left
 * to fail as a unique violation (a 500).
 */
async function requireFreeMemberNo(tx: Queryable, m: Member): Promise<void> {
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
