import { z } from 'zod';

/**
 * Legacy member list import (issue 4, point 5): the HQ screen and the
 * `members:import` command send a CSV exported from Excel and get this report,
 * first as a dry run, then for the import itself.
 */

/** What a CSV column can be read as. `ignore` drops a column (an address, a note). */
export const IMPORT_FIELDS = ['legacyNo', 'name', 'nameKana', 'phone', 'email', 'birthdate', 'ignore'] as const;
export const importFieldSchema = z.enum(IMPORT_FIELDS);
export type ImportField = z.infer<typeof importFieldSchema>;

/** Column header (as in the file's first row) → field; overrides what the server detects. */
export const columnMappingSchema = z.record(z.string().min(1), importFieldSchema);
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

export const IMPORT_ENCODINGS = ['utf-8-bom', 'utf-8', 'cp932'] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];

/** Why a row cannot be imported; stable kebab codes the screen translates. */
export const IMPORT_ROW_REASONS = [
  'name-missing',
  'kana-not-kana',
  'phone-invalid',
  'email-invalid',
  'birthdate-invalid',
  // Longer than a member document holds (name, kana: 100; a legacy number: 32).
  'too-long',
  // The row has more cells than the header (an unquoted comma in Excel's output, usually).
  'row-malformed',
] as const;
export type ImportRowReason = (typeof IMPORT_ROW_REASONS)[number];

export const importProblemSchema = z.object({
  field: importFieldSchema,
  reason: z.enum(IMPORT_ROW_REASONS),
  /** The cell as read, so the admin can find it in Excel. */
  value: z.string(),
});
export type ImportProblem = z.infer<typeof importProblemSchema>;

/** `line` is the row number Excel shows: the header is row 1, the first member row 2. */
export const invalidRowSchema = z.object({
  line: z.int().positive(),
  problems: z.array(importProblemSchema).min(1),
});
export type InvalidRow = z.infer<typeof invalidRowSchema>;

export const DUPLICATE_KEYS = ['phone', 'email', 'kana-birthdate'] as const;
export type DuplicateKey = (typeof DUPLICATE_KEYS)[number];

/** A valid row that is not imported because it is someone already there: an earlier row of the file, or a member. */
export const duplicateRowSchema = z.object({
  line: z.int().positive(),
  on: z.array(z.enum(DUPLICATE_KEYS)).min(1),
  of: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('row'), line: z.int().positive() }),
    z.object({ kind: z.literal('member'), memberNo: z.string() }),
  ]),
});
export type DuplicateRow = z.infer<typeof duplicateRowSchema>;

export const mappedColumnSchema = z.object({
  header: z.string(),
  field: importFieldSchema,
  /** Chosen by the caller's mapping rather than detected from the header. */
  overridden: z.boolean(),
});
export type MappedColumn = z.infer<typeof mappedColumnSchema>;

export const memberImportReportSchema = z
  .object({
    dryRun: z.boolean(),
    encoding: z.enum(IMPORT_ENCODINGS),
    /** SHA-256 of the file's bytes: the same file is imported once. */
    contentHash: z.string(),
    /** Member rows in the file (the header and blank lines not counted). */
    rows: z.int().nonnegative(),
    columns: z.array(mappedColumnSchema),
    invalid: z.array(invalidRowSchema),
    duplicates: z.array(duplicateRowSchema),
    /** Rows that are (dry run: would be) imported. */
    importable: z.int().nonnegative(),
    /** Rows imported by this call: 0 on a dry run and when the file was imported before. */
    imported: z.int().nonnegative(),
    /** The member numbers given, first and last (they are consecutive); absent when none. */
    memberNos: z.object({ first: z.string(), last: z.string() }).optional(),
    /** Set when this very file was imported before: nothing is imported again. */
    alreadyImported: z.object({ importId: z.string(), importedAt: z.string(), imported: z.int().nonnegative() }).optional(),
  })
  .meta({ id: 'MemberImportReport' });
export type MemberImportReport = z.infer<typeof memberImportReportSchema>;

export const memberImportQuerySchema = z.object({
  dryRun: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /** JSON of a ColumnMapping, e.g. {"電話":"phone"}; also accepted as the X-Column-Mapping header. */
  mapping: z.string().optional(),
  /** Shown in the import record only. */
  fileName: z.string().max(255).optional(),
});

/** The largest file accepted: about 150,000 rows of a typical export. */
export const MEMBER_IMPORT_MAX_BYTES = 20 * 1024 * 1024;
