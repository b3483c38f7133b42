import { TenpoError, type ColumnMapping, type ImportField, type MappedColumn } from '../../../src/protocol/index.ts';

/**
 * Headers seen in legacy exports (POS back offices, Excel sheets kept by
 * hand, EC carts), compared after folding: NFKC, lower case, no spaces or
 * punctuation, so 「電話番号」, 「電話 番号」 and "Tel." all land the same.
 * Order matters only between entries of one field. An unknown header is
 * ignored; the report shows it, and the caller's mapping can claim it.
 */
const KNOWN_HEADERS: Record<Exclude<ImportField, 'ignore'>, readonly string[]> = {
  legacyNo: ['会員番号', '旧会員番号', '会員no', '会員id', '顧客番号', '顧客コード', 'カード番号', 'memberno', 'membernumber', 'memberid', 'customerid'],
  name: ['氏名', 'お名前', '名前', '会員名', '顧客名', '氏名漢字', 'name', 'fullname'],
  nameKana: ['フリガナ', 'ふりがな', 'カナ', '氏名カナ', 'カナ氏名', 'お名前カナ', 'お名前フリガナ', '氏名フリガナ', 'セイメイ', 'kana', 'namekana', 'furigana'],
  phone: ['電話番号', '電話', '携帯電話', '携帯電話番号', '携帯番号', '携帯', '自宅電話', 'tel', 'telephone', 'phone', 'mobile'],
  email: ['メールアドレス', 'メール', 'eメール', 'e-mail', 'email', 'mail', 'mailaddress', 'emailaddress'],
  birthdate: ['生年月日', '誕生日', 'birthday', 'birthdate', 'dateofbirth', 'dob'],
};

function foldHeader(header: string): string {
  return header.normalize('NFKC').toLowerCase().replace(/[\s_.\-・()（）]/g, '');
}

const LOOKUP = new Map<string, ImportField>(
  Object.entries(KNOWN_HEADERS).flatMap(([field, headers]) => headers.map((h) => [foldHeader(h), field as ImportField] as const)),
);

/**
 * The field of each column, left to right: the caller's mapping first, else
 * the detected one, else `ignore`. When two columns detect as one field (自宅電話
 * and 携帯電話), the first wins and the second is ignored: a member has one
 * phone here, and the report shows which was used so the admin can swap them.
 * A mapping naming a header the file does not have is refused: it is a typo,
 * and importing without the column it meant would lose that data silently.
 */
export function mapColumns(headers: readonly string[], mapping: ColumnMapping = {}): MappedColumn[] {
  const missing = Object.keys(mapping).filter((header) => !headers.includes(header));
  if (missing.length > 0) {
    throw new TenpoError('unprocessable', `the mapping names columns the file does not have: ${missing.join(', ')}`, 422, { headers, missing });
  }
  const taken = new Set<ImportField>(Object.values(mapping).filter((f) => f !== 'ignore'));
  const columns = headers.map((header): MappedColumn => {
    const chosen = mapping[header];
    if (chosen !== undefined) return { header, field: chosen, overridden: true };
    const detected = LOOKUP.get(foldHeader(header));
    if (detected === undefined || taken.has(detected)) return { header, field: 'ignore', overridden: false };
    taken.add(detected);
    return { header, field: detected, overridden: false };
  });
  const doubled = columns.filter((c) => c.field !== 'ignore').map((c) => c.field).filter((f, i, all) => all.indexOf(f) !== i);
  if (doubled.length > 0) {
    throw new TenpoError('unprocessable', `more than one column is mapped to ${[...new Set(doubled)].join(', ')}`, 422, { fields: [...new Set(doubled)] });
  }
  if (!columns.some((c) => c.field === 'name')) {
    throw new TenpoError('unprocessable', 'no column holds the name (氏名): map one', 422, { headers });
  }
  return columns;
}

/** `電話=phone` pairs (the command line) → a mapping; an unknown field is refused. */
export function parseMappingPairs(pairs: readonly string[], fields: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const pair of pairs) {
    const at = pair.lastIndexOf('=');
    const header = pair.slice(0, at);
    const field = pair.slice(at + 1);
    if (at <= 0 || !fields.includes(field)) {
      throw new TenpoError('invalid-request', `--map wants HEADER=FIELD with FIELD one of ${fields.join(', ')}; got ${pair}`);
    }
    mapping[header] = field as ImportField;
  }
  return mapping;
}
