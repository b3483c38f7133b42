import { randomUUID } from 'node:crypto';
import iconv from 'iconv-lite';
import { createInProcessNotifier } from '../../server/fanout/notifier.ts';
import { FAMILY_NAMES, GIVEN_NAMES } from '../../server/demo/names.ts';
import { formatPhone, PHONE_STYLES } from '../../server/demo/phones.ts';
import { createRng } from '../../server/demo/random.ts';
import { importMembers } from '../../server/services/member-import/import-members.ts';
import type { Sql } from '../../server/store/sql.ts';
import { median, type BenchRow } from './report.ts';

const ROWS = 10_000;
const RUNS = 5;
const TARGET_MS = 10_000;

/** Thrown to roll the baseline's transaction back: the floor must not leave members behind. */
class RollBack extends Error {}

/**
 * A 10,000-row legacy list, as Excel saves it on Japanese Windows: Shift_JIS,
 * CRLF, phones in every spelling a POS export has, kana half- and full-width,
 * dates western and in the era calendar. Each run's phones and e-mails are
 * new (run digit in the number), so no run finds the previous one's members.
 */
function legacyList(run: number): { bytes: Buffer; members: object[] } {
  const rng = createRng(run + 1, 'bench-member-import');
  const lines = ['会員番号,氏名,フリガナ,電話番号,メールアドレス,生年月日,住所'];
  const members: object[] = [];
  for (let i = 0; i < ROWS; i += 1) {
    const family = rng.pick(FAMILY_NAMES);
    const given = rng.pick(GIVEN_NAMES);
    const national = `080${run + 1}${String(i).padStart(7, '0')}`;
    const year = rng.int(1940, 2005);
    const month = rng.int(1, 12);
    const day = rng.int(1, 28);
    const date = rng.chance(0.2) && year >= 1989 ? `H${year - 1988}.${month}.${day}` : `${year}/${month}/${day}`;
    const email = `${given.romaji}.${family.romaji}.${run}.${i}@example.jp`;
    const kana = rng.chance(0.3) ? `${family.kana} ${given.kana}`.normalize('NFKC') : `${family.kana} ${given.kana}`;
    lines.push(`L${run}-${i},${family.kanji} ${given.kanji},${kana},${formatPhone(national, rng.pick(PHONE_STYLES))},${email},${date},"東京都千代田区1-${i}, 3F"`);
    members.push({
      id: randomUUID(),
      memberNo: String(8_000_000_000 + run * ROWS + i),
      name: `${family.kanji} ${given.kanji}`,
      nameKana: `${family.kana} ${given.kana}`,
      phone: `+81${national.slice(1)}`,
      email,
      birthdate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    });
  }
  // 𠮷 and other characters outside CP932 do not survive Excel's Shift_JIS save either: '?' stands in.
  return { bytes: iconv.encode(`${lines.join('\r\n')}\r\n`, 'cp932'), members };
}

/**
 * A 10,000-row Shift_JIS member list imported end to end (decode, parse, map,
 * validate every row with the domain rules, look for duplicates among the
 * members already there and in the file, insert in one transaction) on the
 * store given, which holds the demo chain. Baseline: the same members
 * inserted by one plain jsonb_to_recordset statement, no checks (rolled back).
 */
export async function benchMemberImport(sql: Sql): Promise<{ row: BenchRow; note: string }> {
  const notifier = createInProcessNotifier();
  const imports: number[] = [];
  const floors: number[] = [];
  let imported = 0;
  let duplicates = 0;
  try {
    for (let run = 0; run < RUNS; run += 1) {
      const { bytes, members } = legacyList(run);
      floors.push(await timeFloor(sql, members));
      const started = performance.now();
      const report = await importMembers({ sql, notifier }, bytes, { dryRun: false, fileName: `bench-${run}.csv` });
      imports.push(performance.now() - started);
      if (report.invalid.length > 0) throw new Error(`bench list has invalid rows: ${JSON.stringify(report.invalid.slice(0, 3))}`);
      imported += report.imported;
      duplicates += report.duplicates.length;
    }
  } finally {
    await notifier.close();
  }
  const value = median(imports);
  return {
    row: {
      name: `member list import, ${ROWS.toLocaleString('en-US')} Shift_JIS rows (PGlite, demo chain present)`,
      value,
      baselineName: 'plain jsonb_to_recordset INSERT',
      baseline: median(floors),
      unit: 'ms',
      better: 'lower',
      runs: RUNS,
      target: '< 10 s',
      met: value < TARGET_MS,
    },
    note: `Member import: ${imported.toLocaleString('en-US')} members imported over ${RUNS} runs, ${duplicates} rows found to be duplicates of demo members (same kana + birthdate or phone).`,
  };
}

async function timeFloor(sql: Sql, members: readonly object[]): Promise<number> {
  const started = performance.now();
  let elapsed = 0;
  await sql
    .transaction(async (tx) => {
      await tx.query(
        `insert into members (id, member_no, name, name_kana, phone, email, home_shop_id, updated_at, birthdate)
         select id, "memberNo", name, "nameKana", phone, email, '', now(), birthdate::date
           from jsonb_to_recordset($1::jsonb) as x (id text, "memberNo" text, name text, "nameKana" text, phone text, email text, birthdate text)`,
        [JSON.stringify(members)],
      );
      elapsed = performance.now() - started;
      throw new RollBack();
    })
    .catch((error: unknown) => {
      if (!(error instanceof RollBack)) throw error;
    });
  return elapsed;
}
