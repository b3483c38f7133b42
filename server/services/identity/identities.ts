import type { MemberIdentity } from '../../../src/domain/identity/match-band.ts';
import type { CandidateMember } from '../../../src/protocol/index.ts';
import type { Queryable } from '../../store/sql.ts';
import { int, isoTime, text } from '../rows.ts';

/**
 * What 名寄せ reads of a member: matchBand's identity plus what HQ sees of
 * each side. birthdate is server-only (never synced to tablets) and is read
 * only here.
 */
export interface IdentityRow {
  identity: MemberIdentity;
  view: CandidateMember;
}

const IDENTITY_SELECT = `select m.id, m.member_no, m.name, m.name_kana, m.phone, m.email, m.phone_verified,
    m.email_verified, m.line_user_id, to_char(m.birthdate, 'YYYY-MM-DD') as birthdate, m.home_shop_id,
    m.registered_at, coalesce(a.balance, 0) as balance
  from members m left join point_accounts a on a.member_id = m.id`;

function identityRow(row: Record<string, unknown>): IdentityRow {
  const birthdate = typeof row.birthdate === 'string' ? row.birthdate : null;
  const identity: MemberIdentity = {
    id: text(row.id),
    phone: text(row.phone),
    phoneVerified: row.phone_verified === true,
    email: text(row.email),
    emailVerified: row.email_verified === true,
    nameKana: text(row.name_kana),
    ...(text(row.line_user_id) === '' ? {} : { lineUserId: text(row.line_user_id) }),
    ...(birthdate === null ? {} : { birthdate }),
  };
  return {
    identity,
    view: {
      memberId: identity.id,
      memberNo: text(row.member_no),
      name: text(row.name),
      nameKana: identity.nameKana,
      phone: identity.phone,
      phoneVerified: identity.phoneVerified,
      email: identity.email,
      emailVerified: identity.emailVerified,
      birthdate,
      homeShopId: text(row.home_shop_id),
      balance: int(row.balance),
      registeredAt: isoTime(row.registered_at),
    },
  };
}

/** Every member that can take part in a merge: numbered, live, not merged away. One query. */
export async function mergeableIdentities(tx: Queryable): Promise<IdentityRow[]> {
  const { rows } = await tx.query(
    `${IDENTITY_SELECT} where not m.deleted and m.merged_into is null and m.member_no ~ '^[0-9]{10}$' order by m.member_no`,
  );
  return rows.map(identityRow);
}

export async function identitiesOf(tx: Queryable, memberIds: readonly string[]): Promise<Map<string, IdentityRow>> {
  const { rows } = await tx.query(`${IDENTITY_SELECT} where m.id = any($1::text[])`, [memberIds]);
  return new Map(rows.map((row) => [text(row.id), identityRow(row)]));
}
