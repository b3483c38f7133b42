import type { CloseEntry, PeriodClose } from '../../src/protocol/index.ts';

/**
 * A close as CSV for the accountant's spreadsheet: first one row per figure
 * (`figure,value`, names like `movement.earned` or
 * `outstanding.byExpiryMonth.2027-03`), then, after an empty line, the late
 * entries with their own header, then the flagged overdrafts likewise.
 * CRLF line ends (RFC 4180, and what Excel writes).
 */
export function closeToCsv(close: PeriodClose): string {
  const s = close.snapshot;
  const figures: [string, string | number | null][] = [
    ['month', s.month],
    ['closedAt', close.closedAt],
    ['periodStart', s.periodStart],
    ['periodEnd', s.periodEnd],
    ['previousMonth', s.previousMonth],
    ['postedThrough', s.postedThrough],
    ['opening', s.opening],
    ...Object.entries(s.movement).map(([name, value]): [string, number] => [`movement.${name}`, value]),
    ...Object.entries(s.earnedByChannel).map(([name, value]): [string, number] => [`earnedByChannel.${name}`, value]),
    ['redemptionRate', s.redemptionRate],
    ['outstanding.points', s.outstanding.points],
    ['outstanding.lotPoints', s.outstanding.lotPoints],
    ['outstanding.debt', s.outstanding.debt],
    ['outstanding.members', s.outstanding.members],
    ...Object.entries(s.outstanding.byLotAge).map(([name, value]): [string, number] => [`outstanding.byLotAge.${name}`, value]),
    ...s.outstanding.byExpiryMonth.map((e): [string, number] => [`outstanding.byExpiryMonth.${e.month ?? 'never'}`, e.points]),
    ...Object.entries(s.outstanding.byChannel).map(([name, value]): [string, number] => [`outstanding.byChannel.${name}`, value]),
    ['flaggedOverdrafts.count', s.flaggedOverdrafts.count],
    ['flaggedOverdrafts.points', s.flaggedOverdrafts.points],
    ['late.count', s.late.count],
    ['late.points', s.late.points],
  ];
  const lines = [
    row(['figure', 'value']),
    ...figures.map(([name, value]) => row([name, value])),
    '',
    ...entryTable('late', s.late.entries),
    '',
    ...entryTable('overdraft', s.flaggedOverdrafts.entries),
  ];
  return lines.join('\r\n') + '\r\n';
}

const ENTRY_COLUMNS = [
  'entryId',
  'memberNo',
  'type',
  'points',
  'signedPoints',
  'channel',
  'shopId',
  'deviceId',
  'businessMonth',
  'at',
  'postedAt',
  'postingNo',
] as const satisfies readonly (keyof CloseEntry)[];

function entryTable(kind: string, entries: readonly CloseEntry[]): string[] {
  return [row([kind, ...ENTRY_COLUMNS]), ...entries.map((e) => row([kind, ...ENTRY_COLUMNS.map((c) => e[c])]))];
}

export function row(values: readonly (string | number | null)[]): string {
  return values.map(cell).join(',');
}

/**
 * Quotes a cell when it must be, and defuses formula injection: a cell that
 * a spreadsheet would evaluate (=, +, -, @ first) gets a leading quote mark.
 * Numbers are written as numbers (negative ones included).
 */
function cell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
