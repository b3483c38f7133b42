import type { Queryable } from '../store/sql.ts';
import type { DemoDuplicatePair } from './generate.ts';

/**
 * Gives the demo's deliberate duplicates what 名寄せ looks at, so both bands
 * have content on `npm start`. The generator verifies the phone on both
 * records of every other pair sharing one (auto-link: `npm run
 * identity:resolve` merges them); the other pairs get a shared birthdate here
 * (birthdate is server-only, not in the member document), so those sharing a
 * phone land in review (#/hq/merges), and those with only a variant kanji
 * land there only when some contact detail also agrees — as real ones would.
 */
export async function markDemoDuplicates(tx: Queryable, duplicates: readonly DemoDuplicatePair[]): Promise<void> {
  const birthdates = duplicates.flatMap((pair, k) => {
    // Deterministic: 1950-01-01 plus a spread of days, the same for both records.
    const birthdate = new Date(Date.UTC(1950, 0, 1) + ((k * 7919) % 18_000) * 86_400_000).toISOString().slice(0, 10);
    return [pair.originalId, pair.duplicateId].map((id) => ({ id, birthdate }));
  });
  await tx.query(
    `update members m set birthdate = x.birthdate from jsonb_to_recordset($1::jsonb) as x (id text, birthdate date)
      where m.id = x.id and not m.phone_verified`,
    [JSON.stringify(birthdates)],
  );
}
