import type { DuplicateKey, DuplicateRow } from '../../../src/protocol/index.ts';
import { foldKana } from '../../../src/domain/identity/kana.ts';
import { normaliseEmail } from '../../../src/domain/identity/email.ts';
import type { Queryable } from '../../store/sql.ts';
import type { ImportCandidate } from './validate-rows.ts';

/**
 * Who a row would duplicate: the same normalised phone, the same e-mail, or
 * the same folded kana with the same birthdate. Looser than 名寄せ's bands on
 * purpose (match-band.ts would ignore a shared unverified phone as a
 * household's): an import cannot ask anyone, and a member added twice costs
 * a 名寄せ review per row, while a skipped row is listed here and can be
 * registered by hand. Keys are strings so one Map finds both sides.
 */
function keysOf(row: { phone: string; email: string; kanaKey: string; birthdate: string }): [DuplicateKey, string][] {
  const keys: [DuplicateKey, string][] = [];
  if (row.phone !== '') keys.push(['phone', row.phone]);
  if (row.email !== '') keys.push(['email', row.email]);
  if (row.kanaKey !== '' && row.birthdate !== '') keys.push(['kana-birthdate', `${row.kanaKey}|${row.birthdate}`]);
  return keys;
}

export interface DeduplicatedRows {
  unique: ImportCandidate[];
  duplicates: DuplicateRow[];
}

/**
 * Splits the valid rows into those to import and duplicates. Existing members
 * win over rows; an earlier row wins over a later one (the later row points
 * at it, so the admin sees both lines).
 */
export async function findDuplicates(tx: Queryable, candidates: readonly ImportCandidate[]): Promise<DeduplicatedRows> {
  const existing = await existingKeys(tx, candidates);
  const seen = new Map<string, number>();
  const unique: ImportCandidate[] = [];
  const duplicates: DuplicateRow[] = [];
  for (const row of candidates) {
    const keys = keysOf(row);
    const members = keys.filter(([kind, value]) => existing.has(`${kind}:${value}`));
    const firstMember = members[0];
    if (firstMember) {
      duplicates.push({ line: row.line, on: members.map(([kind]) => kind), of: { kind: 'member', memberNo: existing.get(`${firstMember[0]}:${firstMember[1]}`) ?? '' } });
      continue;
    }
    const earlier = keys.filter(([kind, value]) => seen.has(`${kind}:${value}`));
    const firstEarlier = earlier[0];
    if (firstEarlier) {
      duplicates.push({ line: row.line, on: earlier.map(([kind]) => kind), of: { kind: 'row', line: seen.get(`${firstEarlier[0]}:${firstEarlier[1]}`) ?? 0 } });
      continue;
    }
    for (const [kind, value] of keys) seen.set(`${kind}:${value}`, row.line);
    unique.push(row);
  }
  return { unique, duplicates };
}

/**
 * `kind:value` → member number, for the members that share a key with some
 * row: one query with the rows' keys as arrays, not one per row (10,000 rows
 * must stay seconds). Kana is folded in code (as memberDocument does), so
 * the kana+birthdate rows are fetched by birthdate and folded here.
 */
async function existingKeys(tx: Queryable, rows: readonly ImportCandidate[]): Promise<Map<string, string>> {
  const phones = [...new Set(rows.map((r) => r.phone).filter((p) => p !== ''))];
  const emails = [...new Set(rows.map((r) => r.email).filter((e) => e !== ''))];
  const birthdates = [...new Set(rows.map((r) => r.birthdate).filter((b) => b !== ''))];
  const { rows: found } = await tx.query<{ member_no: string; phone: string; email: string; name_kana: string; birthdate: string | null }>(
    // IN (unnest) rather than = any(): the planner hashes the list instead of
    // comparing every member with every row (10,000 × 10,000 on a seq scan).
    `select member_no, phone, email, name_kana, to_char(birthdate, 'YYYY-MM-DD') as birthdate from members
      where not deleted and phone <> '' and phone in (select unnest($1::text[]))
     union
     select member_no, phone, email, name_kana, to_char(birthdate, 'YYYY-MM-DD') from members
      where not deleted and email <> '' and lower(email) in (select unnest($2::text[]))
     union
     select member_no, phone, email, name_kana, to_char(birthdate, 'YYYY-MM-DD') from members
      where not deleted and birthdate in (select unnest($3::date[]))
     order by member_no`,
    [phones, emails, birthdates],
  );
  const keys = new Map<string, string>();
  for (const m of found) {
    const member = { phone: m.phone, email: normaliseEmail(m.email) ?? '', kanaKey: foldKana(m.name_kana), birthdate: m.birthdate ?? '' };
    for (const [kind, value] of keysOf(member)) if (!keys.has(`${kind}:${value}`)) keys.set(`${kind}:${value}`, m.member_no);
  }
  return keys;
}
