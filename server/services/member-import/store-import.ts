import { randomUUID } from 'node:crypto';
import { TenpoError, type MemberImportReport } from '../../../src/protocol/index.ts';
import { nextMemberNo } from '../member-numbers.ts';
import type { WriteContext } from '../write-transaction.ts';
import type { Queryable } from '../../store/sql.ts';
import type { ImportCandidate } from './validate-rows.ts';

/** Rows per statement: each chunk is ONE jsonb parameter (see demo/load.ts: PGlite runs one query at a time). */
const CHUNK = 5000;
/** Member numbers are 10 digits (members.member_no check). */
const LAST_MEMBER_NO = 9_999_999_999;

export interface PreviousImport {
  importId: string;
  importedAt: string;
  imported: number;
}

export async function findPreviousImport(tx: Queryable, contentHash: string): Promise<PreviousImport | undefined> {
  const { rows } = await tx.query<{ id: string; imported_at: Date | string; imported: number }>(
    'select id, imported_at, imported from member_imports where content_hash = $1',
    [contentHash],
  );
  const row = rows[0];
  return row && { importId: row.id, importedAt: new Date(row.imported_at).toISOString(), imported: row.imported };
}

export interface StoredImport {
  first: string;
  last: string;
}

/**
 * Inserts the rows as members with consecutive new numbers, then the import
 * record. The numbers are drawn as one block: nextMemberNo once, then +1 per
 * row, which is safe because the caller holds the sync write lock (as every
 * writeTransaction does) and the unique member_no index is the backstop.
 */
export async function storeImport(
  { tx, changed }: WriteContext,
  rows: readonly ImportCandidate[],
  record: { contentHash: string; fileName: string; report: MemberImportReport; now: string },
): Promise<StoredImport | undefined> {
  const importId = randomUUID();
  let stored: StoredImport | undefined;
  const members: object[] = [];
  const links: object[] = [];
  if (rows.length > 0) {
    const first = Number(await nextMemberNo(tx));
    if (first + rows.length - 1 > LAST_MEMBER_NO) throw new TenpoError('unprocessable', 'not enough member numbers are left for this file', 422);
    rows.forEach((row, i) => {
      const id = randomUUID();
      members.push({ id, memberNo: String(first + i), name: row.name, nameKana: row.nameKana, phone: row.phone, email: row.email, birthdate: row.birthdate });
      links.push({ line: row.line, memberId: id, legacyNo: row.legacyNo });
    });
    stored = { first: String(first), last: String(first + rows.length - 1) };
  }
  for (let start = 0; start < members.length; start += CHUNK) {
    await tx.query(INSERT_MEMBERS, [JSON.stringify(members.slice(start, start + CHUNK)), record.now]);
  }
  await tx.query(
    `insert into member_imports (id, content_hash, file_name, encoding, rows, imported, report)
     values ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
    [importId, record.contentHash, record.fileName, record.report.encoding, record.report.rows, rows.length, JSON.stringify(record.report)],
  );
  for (let start = 0; start < links.length; start += CHUNK) {
    await tx.query(INSERT_LINKS, [JSON.stringify(links.slice(start, start + CHUNK)), importId]);
  }
  if (rows.length > 0) changed.add('members');
  return stored;
}

// Imported members have not agreed to anything through Tenpo yet (consents stay false)
// and belong to no shop; the birthdate goes to the server-only column, for 名寄せ.
const INSERT_MEMBERS = `
  insert into members (id, member_no, name, name_kana, phone, email, home_shop_id, updated_at, registered_at, birthdate)
  select id, "memberNo", name, "nameKana", phone, email, '', $2::timestamptz, $2::timestamptz, nullif(birthdate, '')::date
    from jsonb_to_recordset($1::jsonb) as x (id text, "memberNo" text, name text, "nameKana" text, phone text, email text, birthdate text)`;

const INSERT_LINKS = `
  insert into member_import_rows (import_id, line, member_id, legacy_no)
  select $2, line, "memberId", "legacyNo"
    from jsonb_to_recordset($1::jsonb) as x (line integer, "memberId" text, "legacyNo" text)`;
