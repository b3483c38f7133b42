import { createHash } from 'node:crypto';
import Papa from 'papaparse';
import { TenpoError, type ColumnMapping, type MemberImportReport } from '../../../src/protocol/index.ts';
import type { SyncServices } from '../sync-push.ts';
import { writeTransaction } from '../write-transaction.ts';
import type { Queryable } from '../../store/sql.ts';
import { mapColumns } from './columns.ts';
import { decodeCsv } from './decode.ts';
import { findDuplicates } from './duplicates.ts';
import { findPreviousImport, storeImport } from './store-import.ts';
import { checkRows, type ImportCandidate } from './validate-rows.ts';

export interface ImportOptions {
  dryRun: boolean;
  mapping?: ColumnMapping | undefined;
  fileName?: string | undefined;
  /** YYYY-MM-DD, for tests: birthdates after it are refused. */
  today?: string | undefined;
}

// Excel's own formats, not CSV: "save as CSV" is the fix, so say so.
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

/**
 * Reads a legacy member list and reports on it; unless `dryRun`, imports the
 * valid, non-duplicate rows in one transaction (all or none: a half-imported
 * list could not be re-imported cleanly). A file imported before imports
 * nobody again: the report says when it was.
 */
export async function importMembers(services: SyncServices, bytes: Uint8Array, options: ImportOptions): Promise<MemberImportReport> {
  const contentHash = createHash('sha256').update(bytes).digest('hex');
  const sheet = readSheet(bytes, options);

  if (options.dryRun) {
    const { unique, report } = await analyse(services.sql, sheet, contentHash, true);
    return { ...report, importable: report.alreadyImported ? 0 : unique.length };
  }
  return writeTransaction(services.sql, services.notifier, async (ctx) => {
    // Under the write lock: a second upload of the same file waits, then finds this one's record.
    const { unique, report } = await analyse(ctx.tx, sheet, contentHash, false);
    if (report.alreadyImported) return report;
    // Nobody to add: no record either, so the same file can be sent again with a corrected mapping.
    if (unique.length === 0) return report;
    const done: MemberImportReport = { ...report, importable: unique.length, imported: unique.length };
    const stored = await storeImport(ctx, unique, { contentHash, fileName: options.fileName ?? '', report: done, now: new Date().toISOString() });
    return stored ? { ...done, memberNos: stored } : done;
  });
}

interface Sheet {
  encoding: MemberImportReport['encoding'];
  columns: MemberImportReport['columns'];
  checked: ReturnType<typeof checkRows>;
}

function readSheet(bytes: Uint8Array, options: ImportOptions): Sheet {
  if (bytes.length === 0) throw new TenpoError('invalid-request', 'the file is empty');
  if ([ZIP, OLE].some((magic) => magic.every((b, i) => bytes[i] === b))) {
    throw new TenpoError('unprocessable', 'this is an Excel workbook, not CSV: save it from Excel as CSV first', 422);
  }
  const { text, encoding } = decodeCsv(bytes);
  // NUL never appears in text: this is some other binary file.
  if (text.includes('\u0000')) throw new TenpoError('unprocessable', 'the file is not CSV text', 422);
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false, delimitersToGuess: [',', '\t', ';'] });
  const [header, ...records] = parsed.data;
  const headers = (header ?? []).map((h) => h.trim());
  if (headers.every((h) => h === '')) throw new TenpoError('unprocessable', 'the first row must name the columns (氏名, 電話番号, …)', 422);
  const columns = mapColumns(headers, options.mapping);
  return { encoding, columns, checked: checkRows(records, columns, 2, options.today) };
}

async function analyse(db: Queryable, sheet: Sheet, contentHash: string, dryRun: boolean): Promise<{ unique: ImportCandidate[]; report: MemberImportReport }> {
  const previous = await findPreviousImport(db, contentHash);
  const { unique, duplicates } = await findDuplicates(db, sheet.checked.candidates);
  const report: MemberImportReport = {
    dryRun,
    encoding: sheet.encoding,
    contentHash,
    rows: sheet.checked.rows,
    columns: sheet.columns,
    invalid: sheet.checked.invalid,
    duplicates,
    importable: 0,
    imported: 0,
    ...(previous ? { alreadyImported: previous } : {}),
  };
  return { unique, report };
}
