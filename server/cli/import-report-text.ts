import type { MemberImportReport } from '../../src/protocol/index.ts';

const ENCODING: Record<MemberImportReport['encoding'], string> = {
  'utf-8-bom': 'UTF-8 (BOM)',
  'utf-8': 'UTF-8',
  cp932: 'Shift_JIS (CP932)',
};

/** The report as an admin reads it in a terminal: Japanese first, English after, one line per problem. */
export function formatImportReport(report: MemberImportReport): string {
  const lines: string[] = [];
  lines.push(report.dryRun ? '取込確認 (dry run): 何も書き込んでいません / nothing written' : '取込 / import');
  lines.push(`文字コード / encoding: ${ENCODING[report.encoding]}`);
  lines.push(`列 / columns: ${report.columns.map((c) => `${c.header}→${c.field}${c.overridden ? '*' : ''}`).join(', ')}`);
  lines.push(`行数 / rows: ${report.rows}`);
  lines.push(`エラー行 / invalid rows: ${report.invalid.length}`);
  for (const row of report.invalid) {
    const problems = row.problems.map((p) => `${p.field} ${p.reason}${p.value === '' ? '' : ` "${p.value}"`}`).join('; ');
    lines.push(`  ${row.line}行目 / row ${row.line}: ${problems}`);
  }
  lines.push(`重複 / duplicates: ${report.duplicates.length}`);
  for (const dup of report.duplicates) {
    const of = dup.of.kind === 'row' ? `${dup.of.line}行目 / row ${dup.of.line}` : `会員 / member ${dup.of.memberNo}`;
    lines.push(`  ${dup.line}行目 / row ${dup.line}: ${dup.on.join(', ')} = ${of}`);
  }
  if (report.alreadyImported) {
    const before = report.alreadyImported;
    lines.push(`このファイルは取込済みです / this file was imported before: ${before.importedAt} (${before.imported}件 / members); 今回は取り込みません / nothing imported now`);
  } else if (report.dryRun) {
    lines.push(`取込予定 / would import: ${report.importable}`);
  } else {
    lines.push(`取込 / imported: ${report.imported}${report.memberNos ? ` (会員番号 / member numbers ${report.memberNos.first}–${report.memberNos.last})` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
