/**
 * Japanese era start years (the year before 元年 = year 1). A legacy list
 * keeps birthdates as they were typed: 1980/4/1, 1980-04-01, 1980年4月1日,
 * 19800401, or in the era calendar as S55.4.1 / 昭和55年4月1日.
 */
const ERAS: Record<string, number> = {
  m: 1867, 明治: 1867, 明: 1867,
  t: 1911, 大正: 1911, 大: 1911,
  s: 1925, 昭和: 1925, 昭: 1925,
  h: 1988, 平成: 1988, 平: 1988,
  r: 2018, 令和: 2018, 令: 2018,
};

const WESTERN = /^(\d{4})[/\-.年](\d{1,2})[/\-.月](\d{1,2})日?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const ERA = /^(明治|大正|昭和|平成|令和|明|大|昭|平|令|[mtshr])(\d{1,2}|元)[/\-.年](\d{1,2})[/\-.月](\d{1,2})日?$/;

/**
 * A birthdate cell → `YYYY-MM-DD`, or null when it is not a real date of a
 * living person (a 2月30日, a date in the future, before 1900). Empty is
 * handled by the caller: the field is optional.
 */
export function parseBirthdate(input: string, today: string = new Date().toISOString().slice(0, 10)): string | null {
  const cell = input.normalize('NFKC').replace(/\s/g, '').toLowerCase();
  let parts = WESTERN.exec(cell) ?? COMPACT.exec(cell);
  let year = parts ? Number(parts[1]) : NaN;
  if (!parts) {
    parts = ERA.exec(cell);
    if (!parts) return null;
    const start = ERAS[parts[1] ?? ''];
    if (start === undefined) return null;
    year = start + (parts[2] === '元' ? 1 : Number(parts[2]));
  }
  const month = Number(parts[parts.length - 2]);
  const day = Number(parts[parts.length - 1]);
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date rolls 2月30日 over into March: a date that does not read back is not one.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  const iso = date.toISOString().slice(0, 10);
  return iso < '1900-01-01' || iso > today ? null : iso;
}
