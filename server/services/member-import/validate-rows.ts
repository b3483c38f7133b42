import { normaliseEmail } from '../../../src/domain/identity/email.ts';
import { foldKana } from '../../../src/domain/identity/kana.ts';
import { normalisePhone } from '../../../src/domain/phone.ts';
import type { ImportField, ImportProblem, InvalidRow, MappedColumn } from '../../../src/protocol/index.ts';
import { parseBirthdate } from './birthdate.ts';

/** A row that passed every rule, in the shape it will be stored. */
export interface ImportCandidate {
  /** Excel's row number (header = 1). */
  line: number;
  legacyNo: string;
  name: string;
  /** As written, NFKC (half-width kana made full-width); '' when none. */
  nameKana: string;
  /** foldKana(nameKana): what duplicates compare. */
  kanaKey: string;
  /** E.164 or ''. */
  phone: string;
  /** Normalised or ''. */
  email: string;
  /** YYYY-MM-DD or ''. */
  birthdate: string;
}

export interface CheckedRows {
  candidates: ImportCandidate[];
  invalid: InvalidRow[];
  /** Member rows read (blank lines skipped). */
  rows: number;
}

// Katakana (ァ–ヺ, ヴ included) and the long-vowel mark, after foldKana removed spaces and dots.
const KATAKANA = /^[\u30a1-\u30fa\u30fc]+$/;
const MAX_TEXT = 100;
const MAX_LEGACY_NO = 32;

/**
 * Applies the member rules to each row. Every problem of a row is reported,
 * not just the first: the admin fixes the sheet once, not once per retry.
 * `records` holds the data rows only; `firstLine` is the Excel row of the first.
 */
export function checkRows(records: readonly string[][], columns: readonly MappedColumn[], firstLine = 2, today?: string): CheckedRows {
  const index = new Map<ImportField, number>();
  columns.forEach((c, i) => {
    if (c.field !== 'ignore') index.set(c.field, i);
  });
  const cell = (record: readonly string[], field: ImportField): string => {
    const at = index.get(field);
    return at === undefined ? '' : (record[at] ?? '').trim();
  };

  const candidates: ImportCandidate[] = [];
  const invalid: InvalidRow[] = [];
  let rows = 0;
  records.forEach((record, offset) => {
    // Excel leaves ",,,," rows under a sheet that once was longer: not members, not errors.
    if (record.every((value) => value.trim() === '')) return;
    rows += 1;
    const line = firstLine + offset;
    const problems: ImportProblem[] = [];
    const problem = (field: ImportField, reason: ImportProblem['reason'], value: string): void => {
      problems.push({ field, reason, value: value.slice(0, 200) });
    };
    if (record.length > columns.length && record.slice(columns.length).some((v) => v.trim() !== '')) {
      problem('ignore', 'row-malformed', record.slice(columns.length).join(','));
    }

    const legacyNo = cell(record, 'legacyNo').normalize('NFKC');
    if (legacyNo.length > MAX_LEGACY_NO) problem('legacyNo', 'too-long', legacyNo);

    const name = cell(record, 'name').replace(/\s+/g, ' ');
    if (name === '') problem('name', 'name-missing', name);
    else if (name.length > MAX_TEXT) problem('name', 'too-long', name);

    const rawKana = cell(record, 'nameKana');
    const nameKana = rawKana.normalize('NFKC').replace(/\s+/g, ' ');
    const kanaKey = foldKana(nameKana);
    if (nameKana !== '' && !KATAKANA.test(kanaKey)) problem('nameKana', 'kana-not-kana', rawKana);
    else if (nameKana.length > MAX_TEXT) problem('nameKana', 'too-long', rawKana);

    const rawPhone = cell(record, 'phone');
    const phone = rawPhone === '' ? '' : normalisePhone(rawPhone);
    if (phone === null) problem('phone', 'phone-invalid', rawPhone);

    const rawEmail = cell(record, 'email');
    const email = rawEmail === '' ? '' : normaliseEmail(rawEmail);
    if (email === null) problem('email', 'email-invalid', rawEmail);

    const rawBirthdate = cell(record, 'birthdate');
    const birthdate = rawBirthdate === '' ? '' : parseBirthdate(rawBirthdate, today);
    if (birthdate === null) problem('birthdate', 'birthdate-invalid', rawBirthdate);

    if (problems.length > 0 || phone === null || email === null || birthdate === null) {
      invalid.push({ line, problems });
      return;
    }
    candidates.push({ line, legacyNo, name, nameKana, kanaKey, phone, email, birthdate });
  });
  return { candidates, invalid, rows };
}
