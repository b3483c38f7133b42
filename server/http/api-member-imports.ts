import {
  columnMappingSchema,
  MEMBER_IMPORT_MAX_BYTES,
  memberImportQuerySchema,
  memberImportReportSchema,
  TenpoError,
  type ColumnMapping,
} from '../../src/protocol/index.ts';
import { importMembers } from '../services/member-import/import-members.ts';
import { issueDetails } from '../services/validate.ts';
import type { ApiDeps } from './api-deps.ts';
import { apiRoute, type ApiRouter } from './api-route.ts';

/** What a browser or curl sends for a .csv file; the bytes are decoded on the server (Shift_JIS too). */
const RAW_TYPES = ['text/csv', 'application/octet-stream'];

/**
 * POST /api/v1/member-imports: a legacy member list as the raw bytes of the
 * file. Registered in its own plugin scope so that the raw-bytes parser and
 * its larger body limit (a 10,000-row export is ~1 MB, the app's limit) apply
 * to this route only, never to JSON routes.
 */
export function registerMemberImportRoutes(router: ApiRouter, deps: ApiDeps): void {
  void router.app.register((scope, _options, done) => {
    scope.addContentTypeParser(RAW_TYPES, { parseAs: 'buffer', bodyLimit: MEMBER_IMPORT_MAX_BYTES }, (_request, body, parsed) => {
      parsed(null, body);
    });
    apiRoute(
      { app: scope, routes: router.routes },
      {
        method: 'POST',
        path: '/api/v1/member-imports',
        operationId: 'importMembers',
        summary: 'Import a legacy member list (CSV exported from Excel): dry run first, then import',
        description:
          'The body is the file itself (Content-Type: text/csv or application/octet-stream), in Shift_JIS (CP932) or UTF-8 with ' +
          'or without BOM; the encoding is detected and reported. The first row names the columns; common Japanese and English ' +
          'headers are recognised (会員番号, 氏名, フリガナ, 電話番号, メールアドレス, 生年月日, …) and `mapping` overrides them. ' +
          'Each invalid row is listed with its Excel row number (header = 1) and the reason per field; duplicates (same phone, ' +
          'e-mail, or kana + birthdate) of an existing member or an earlier row are listed and not imported. With dryRun=false the ' +
          'valid, non-duplicate rows become members with new member numbers, all in one transaction. The same file (by content ' +
          `hash) is imported once: again, it imports nobody and the report says when it was. At most ${MEMBER_IMPORT_MAX_BYTES / 1024 / 1024} MB.`,
        query: memberImportQuerySchema,
        rawBody: { contentTypes: RAW_TYPES, description: 'The CSV file as exported, byte for byte (Shift_JIS or UTF-8).' },
        responses: {
          200: { description: 'The dry-run report; or, for a file imported before, the report with alreadyImported and nothing imported.', schema: memberImportReportSchema },
          201: { description: 'Imported: the report with the number of members made and their member numbers.', schema: memberImportReportSchema },
        },
        errors: {
          400: '`invalid-request`: the body is empty, or mapping is not JSON of {header: field}.',
          413: '`payload-too-large`: the file is over the size limit.',
          415: '`invalid-request`: the Content-Type is not text/csv or application/octet-stream.',
          422: '`unprocessable`: not a CSV (an .xlsx workbook, binary), no name column, or the mapping names a column the file lacks.',
        },
      },
      async ({ query, reply }) => {
        const body: unknown = reply.request.body;
        // Another parser (text/plain, JSON) already turned the bytes into text: Shift_JIS would be lost.
        if (body !== undefined && body !== null && !Buffer.isBuffer(body)) {
          throw new TenpoError('invalid-request', `send the file's bytes as ${RAW_TYPES.join(' or ')}`, 415);
        }
        const bytes = body ?? Buffer.alloc(0);
        const report = await importMembers(deps, bytes, { dryRun: query.dryRun, mapping: parseMapping(query.mapping), fileName: query.fileName });
        void reply.code(!report.dryRun && report.imported > 0 ? 201 : 200);
        return report;
      },
    );
    done();
  });
}

function parseMapping(text: string | undefined): ColumnMapping | undefined {
  if (text === undefined || text === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new TenpoError('invalid-request', 'mapping must be JSON, e.g. {"電話":"phone"}');
  }
  const result = columnMappingSchema.safeParse(json);
  if (!result.success) throw new TenpoError('invalid-request', 'mapping names an unknown field', 400, issueDetails(result.error));
  return result.data;
}
