import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberImportReportSchema, type MemberImportReport } from '../../src/protocol/index.ts';
import { runImportMembers } from '../../server/cli/import-members.ts';
import { AUTH, expectError, openApiHarness, type ApiAnswer, type ApiHarness } from './helpers/api.ts';
import { MEMBER_1, MEMBER_2 } from './helpers/fixture.ts';
import { backendName } from './helpers/test-store.ts';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One legacy roster, written two ways: as Excel's "CSV" (Shift_JIS, 会員番号/氏名/フリガナ/…)
 * and as "CSV UTF-8" with a BOM and other headers (お名前/カナ/携帯電話/E-mail/誕生日).
 * `d` varies the good people's phones so both files can be imported into one database.
 */
function roster(d: string): string[][] {
  return [
    // 2: good — 全角 digits and hyphens, a western date, a quoted comma in the (ignored) address.
    ['A001', '田中 一郎', 'タナカ イチロウ', `０９０－１１１１－２２２${d}`, `ichiro${d}@example.jp`, `1980/4/${d}`, '東京都港区1-2-3, 4F'],
    // 3: good — half-width kana, +81, an era date.
    ['A002', '鈴木 美咲', 'ｽｽﾞｷ ﾐｻｷ', `+81 80-3333-444${d}`, '', `S55.4.${d}`, '大阪府'],
    // 4: no name.
    ['A003', '', 'サトウ ケン', `080-5555-666${d}`, '', '', ''],
    // 5: romaji in the kana column.
    ['A004', '高橋 健太', 'takahashi kenta', `070-1234-567${d}`, '', '', ''],
    // 6: not a phone number.
    ['A005', '伊藤 さくら', 'イトウ サクラ', '12345', '', '', ''],
    // 7: 2月30日.
    ['A006', '渡辺 翔', 'ワタナベ ショウ', `090-2222-333${d}`, '', '1980/2/30', ''],
    // 8: the phone of row 2, spelt differently (半角ｰ): a duplicate within the file.
    ['A007', '田中 一郎', 'たなか いちろう', `090ｰ1111ｰ222${d}`, '', '', ''],
    // 9: MEMBER_1's phone: a duplicate of an existing member.
    ['A008', '山田 花子', 'ヤマダ ハナコ', '０９０１２３４５６７８', '', '', ''],
    // 10: good — e-mail only, ISO date.
    ['A009', '中村 陽子', 'なかむら ようこ', '', `Yoko${d}@Example.JP`, `1975-12-2${d}`, ''],
    // 11: a bad e-mail.
    ['A010', '小林 大輔', 'コバヤシ ダイスケ', '03-1234-5678', 'kobayashi@', '', ''],
    // 12: everything wrong at once: each problem is listed.
    ['A011', '', 'yamada', 'abc', '', '昭和99年13月1日', ''],
    // 13: MEMBER_2's kana and birthdate (set in beforeAll), in the era calendar.
    ['A012', '佐藤 太郎', 'ｻﾄｳ ﾀﾛｳ', '', '', '平成2年5月5日', ''],
    // Excel's trailing empty rows.
    ['', '', '', '', '', '', ''],
  ];
}

const SJIS_HEADERS = ['会員番号', '氏名', 'フリガナ', '電話番号', 'メールアドレス', '生年月日', '住所'];
const BOM_HEADERS = ['旧会員番号', 'お名前', 'カナ', '携帯電話', 'E-mail', '誕生日', '住所'];

function csv(headers: string[], rows: string[][]): string {
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return [headers, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

const shiftJisFile = (): Buffer => iconv.encode(csv(SJIS_HEADERS, roster('1')), 'cp932');
const utf8BomFile = (): Buffer => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv(BOM_HEADERS, roster('2')), 'utf8')]);

/** What both files must report, whatever their encoding and headers. */
const EXPECTED_INVALID = [
  { line: 4, reasons: ['name:name-missing'] },
  { line: 5, reasons: ['nameKana:kana-not-kana'] },
  { line: 6, reasons: ['phone:phone-invalid'] },
  { line: 7, reasons: ['birthdate:birthdate-invalid'] },
  { line: 11, reasons: ['email:email-invalid'] },
  { line: 12, reasons: ['name:name-missing', 'nameKana:kana-not-kana', 'phone:phone-invalid', 'birthdate:birthdate-invalid'] },
];
const EXPECTED_DUPLICATES = [
  { line: 8, on: ['phone'], of: { kind: 'row', line: 2 } },
  { line: 9, on: ['phone'], of: { kind: 'member', memberNo: MEMBER_1.memberNo } },
  { line: 13, on: ['kana-birthdate'], of: { kind: 'member', memberNo: MEMBER_2.memberNo } },
];

function invalidOf(report: MemberImportReport) {
  return report.invalid.map((row) => ({ line: row.line, reasons: row.problems.map((p) => `${p.field}:${p.reason}`) }));
}

describe(`member list import (${backendName})`, () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await openApiHarness();
    await h.sql.query(`update members set birthdate = '1990-05-05' where id = $1`, [MEMBER_2.id]);
  });
  afterAll(async () => {
    await h.close();
  });

  const upload = async (bytes: Buffer | string, query: string, contentType = 'text/csv'): Promise<ApiAnswer> => {
    const res = await h.app.inject({ method: 'POST', url: `/api/v1/member-imports?${query}`, headers: { ...AUTH, 'content-type': contentType }, payload: bytes });
    const text = res.body;
    const body: unknown = String(res.headers['content-type'] ?? '').startsWith('application/json') ? JSON.parse(text) : text;
    return { status: res.statusCode, body, text, headers: res.headers };
  };
  const report = (answer: ApiAnswer, status: number): MemberImportReport => {
    expect(answer.status, answer.text).toBe(status);
    return memberImportReportSchema.parse(answer.body);
  };
  const counts = async () => ({ members: await h.count('members'), imports: Number((await h.sql.query<{ n: number }>('select count(*)::int as n from member_imports')).rows[0]?.n) });
  const maxMemberNo = async () => Number((await h.sql.query<{ n: string }>('select max(member_no) as n from members')).rows[0]?.n);

  for (const [label, file, encoding, headers, d] of [
    ['Shift_JIS', shiftJisFile, 'cp932', SJIS_HEADERS, '1'],
    ['UTF-8 with BOM', utf8BomFile, 'utf-8-bom', BOM_HEADERS, '2'],
  ] as const) {
    it(`${label}: the dry run lists each bad row with its Excel line and reason, and every duplicate, and writes nothing`, async () => {
      const before = await counts();
      const dry = report(await upload(file(), 'dryRun=true'), 200);
      expect(dry.encoding).toBe(encoding);
      expect(dry.rows).toBe(12);
      expect(dry.columns.map((c) => c.field)).toEqual(['legacyNo', 'name', 'nameKana', 'phone', 'email', 'birthdate', 'ignore']);
      expect(dry.columns.map((c) => c.header)).toEqual(headers);
      expect(invalidOf(dry)).toEqual(EXPECTED_INVALID);
      // The cell is quoted back as it was, decoded: the admin finds it in Excel.
      expect(dry.invalid.find((r) => r.line === 5)?.problems[0]?.value).toBe('takahashi kenta');
      expect(dry.duplicates).toEqual(EXPECTED_DUPLICATES);
      expect(dry).toMatchObject({ dryRun: true, importable: 3, imported: 0 });
      expect(dry.alreadyImported).toBeUndefined();
      expect(await counts()).toEqual(before);
    });

    it(`${label}: the import makes exactly the good rows members, with new consecutive numbers; again, it doubles nothing`, async () => {
      const before = await counts();
      const last = await maxMemberNo();
      const done = report(await upload(file(), 'dryRun=false&fileName=roster.csv'), 201);
      expect(done).toMatchObject({ dryRun: false, importable: 3, imported: 3, memberNos: { first: String(last + 1), last: String(last + 3) } });
      expect(invalidOf(done)).toEqual(EXPECTED_INVALID);
      expect(await counts()).toEqual({ members: before.members + 3, imports: before.imports + 1 });

      const { rows } = await h.sql.query<{ member_no: string; name: string; name_kana: string; phone: string; email: string; birthdate: string | null; legacy_no: string; line: number }>(
        `select m.member_no, m.name, m.name_kana, m.phone, m.email, to_char(m.birthdate, 'YYYY-MM-DD') as birthdate, r.legacy_no, r.line
           from member_import_rows r join members m on m.id = r.member_id join member_imports i on i.id = r.import_id
          where i.content_hash = $1 order by r.line`,
        [done.contentHash],
      );
      expect(rows).toEqual([
        { line: 2, legacy_no: 'A001', member_no: String(last + 1), name: '田中 一郎', name_kana: 'タナカ イチロウ', phone: `+81901111222${d}`, email: `ichiro${d}@example.jp`, birthdate: `1980-04-0${d}` },
        { line: 3, legacy_no: 'A002', member_no: String(last + 2), name: '鈴木 美咲', name_kana: 'スズキ ミサキ', phone: `+81803333444${d}`, email: '', birthdate: `1980-04-0${d}` },
        { line: 10, legacy_no: 'A009', member_no: String(last + 3), name: '中村 陽子', name_kana: 'なかむら ようこ', phone: '', email: `yoko${d}@example.jp`, birthdate: `1975-12-2${d}` },
      ]);

      // Imported members belong to no shop: no tablet holds them (issue 6) until a
      // shop's counter looks them up online, and then without the server-only birthdate.
      const pulled = await h.app.inject({ url: '/sync/v1/members/pull?limit=1000', headers: h.headers });
      const docs = pulled.json<{ documents: Record<string, unknown>[] }>().documents;
      expect(docs.find((doc) => doc.memberNo === String(last + 1))).toBeUndefined();
      const lookup = await h.app.inject({ url: `/sync/v1/members/lookup?q=${last + 1}`, headers: h.headers });
      const imported = lookup.json<{ members: Record<string, unknown>[] }>().members[0];
      expect(imported).toMatchObject({ name: '田中 一郎', kanaKey: 'タナカイチロウ' });
      expect(imported).not.toHaveProperty('birthdate');

      const again = report(await upload(file(), 'dryRun=false'), 200);
      expect(again.imported).toBe(0);
      expect(again.alreadyImported).toMatchObject({ imported: 3 });
      expect(report(await upload(file(), 'dryRun=true'), 200)).toMatchObject({ importable: 0, alreadyImported: { imported: 3 } });
      expect(await counts()).toEqual({ members: before.members + 3, imports: before.imports + 1 });
    });
  }

  it('detects UTF-8 without a BOM, and reads an unknown header through the caller mapping', async () => {
    const text = csv(['名前', '連絡先', '備考'], [['木村 拓也', '080-7777-8888', 'VIP'], ['', '', 'メモ']]);
    const plain = report(await upload(Buffer.from(text, 'utf8'), 'dryRun=true'), 200);
    expect(plain.encoding).toBe('utf-8');
    expect(plain.columns).toEqual([
      { header: '名前', field: 'name', overridden: false },
      { header: '連絡先', field: 'ignore', overridden: false },
      { header: '備考', field: 'ignore', overridden: false },
    ]);
    const mapping = encodeURIComponent(JSON.stringify({ 連絡先: 'phone' }));
    const mapped = report(await upload(Buffer.from(text, 'utf8'), `dryRun=true&mapping=${mapping}`), 200);
    expect(mapped.columns[1]).toEqual({ header: '連絡先', field: 'phone', overridden: true });
    expect(mapped).toMatchObject({ rows: 2, importable: 1, invalid: [{ line: 3, problems: [{ field: 'name', reason: 'name-missing' }] }] });

    // Imported with the wrong mapping, nobody qualifies: nothing is recorded, so the corrected mapping can still import it.
    const before = await counts();
    const wrong = encodeURIComponent(JSON.stringify({ 名前: 'ignore', 連絡先: 'name', 備考: 'nameKana' }));
    expect(report(await upload(Buffer.from(text, 'utf8'), `dryRun=false&mapping=${wrong}`), 200)).toMatchObject({ imported: 0, importable: 0 });
    expect(await counts()).toEqual(before);
    expect(report(await upload(Buffer.from(text, 'utf8'), `dryRun=false&mapping=${mapping}`), 201)).toMatchObject({ imported: 1 });
    expect(await counts()).toEqual({ members: before.members + 1, imports: before.imports + 1 });
  });

  it('refuses bad input with a 4xx and writes nothing', async () => {
    const before = await counts();
    const good = shiftJisFile();
    expectError(await upload(Buffer.alloc(0), 'dryRun=false'), 400, 'invalid-request');
    // An .xlsx (a zip) sent as is.
    expectError(await upload(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), 'dryRun=false', 'application/octet-stream'), 422, 'unprocessable');
    expectError(await upload(Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00]), 'dryRun=false', 'application/octet-stream'), 422, 'unprocessable');
    // Text, but no column holds a name.
    expectError(await upload('hello world\r\n1,2\r\n', 'dryRun=false'), 422, 'unprocessable');
    expectError(await upload(good, `dryRun=false&mapping=${encodeURIComponent('{"電話番号":"fax"}')}`), 400, 'invalid-request');
    expectError(await upload(good, 'dryRun=false&mapping=not-json'), 400, 'invalid-request');
    expectError(await upload(good, `dryRun=false&mapping=${encodeURIComponent('{"FAX":"phone"}')}`), 422, 'unprocessable');
    // Two columns read as one field.
    expectError(await upload(good, `dryRun=false&mapping=${encodeURIComponent('{"住所":"name","氏名":"name"}')}`), 422, 'unprocessable');
    expectError(await upload(good, 'dryRun=maybe'), 400, 'invalid-request');
    expectError(await upload(good, 'dryRun=false', 'application/json'), 400, 'invalid-request');
    expectError(await upload(good, 'dryRun=false', 'text/plain'), 415, 'invalid-request');
    expectError(await upload(good, 'dryRun=false', 'image/png'), 415, 'invalid-request');
    expectError(await upload(Buffer.alloc(21 * 1024 * 1024, 0x41), 'dryRun=false'), 413, 'payload-too-large');
    const noKey = await h.app.inject({ method: 'POST', url: '/api/v1/member-imports?dryRun=false', headers: { 'content-type': 'text/csv' }, payload: good });
    expect(noKey.statusCode).toBe(401);
    expect(await counts()).toEqual(before);
  });

  it('is in the OpenAPI document, with the file as the request body', async () => {
    const doc = (await h.call('GET', '/api/v1/openapi.json')).body as { paths: Record<string, { post?: { parameters: { name: string }[]; requestBody?: { content: object }; responses: object } }> };
    const op = doc.paths['/api/v1/member-imports']?.post;
    expect(Object.keys(op?.requestBody?.content ?? {})).toEqual(['text/csv', 'application/octet-stream']);
    expect(op?.parameters.map((p) => p.name)).toEqual(['dryRun', 'mapping', 'fileName']);
    expect(Object.keys(op?.responses ?? {})).toEqual(expect.arrayContaining(['200', '201', '400', '401', '413', '422']));
  });

  it('the members:import command prints the same report in plain text, and --map takes HEADER=FIELD', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tenpo-import-'));
    const path = join(dir, 'roster.csv');
    await writeFile(path, iconv.encode(csv(['氏名', '電話'], [['森 次郎', '080-1212-3434'], ['林 三郎', 'なし']]), 'cp932'));
    const out: string[] = [];
    const err: string[] = [];
    const io = { sql: h.sql, out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
    const before = await counts();

    expect(await runImportMembers([path, '--dry-run', '--map', '電話=phone'], io)).toBe(0);
    const text = out.join('');
    expect(text).toContain('Shift_JIS (CP932)');
    expect(text).toContain('電話→phone*');
    expect(text).toContain('3行目 / row 3: phone phone-invalid "なし"');
    expect(text).toContain('would import: 1');
    expect(await counts()).toEqual(before);

    expect(await runImportMembers([path, '--map', '電話=fax'], io)).toBe(1);
    expect(err.join('')).toContain('invalid-request');
    expect(await runImportMembers([], io)).toBe(2);

    expect(await runImportMembers([path, '--map', '電話=phone'], io)).toBe(0);
    expect(out.join('')).toContain('imported: 1');
    expect(await counts()).toEqual({ members: before.members + 1, imports: before.imports + 1 });
  });
});
