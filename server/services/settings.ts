import type { PointsPolicy } from '../../src/protocol/index.ts';
import { DEFAULT_POINTS_POLICY, POINTS_POLICY_SETTINGS_ID, pointsPolicySchema } from '../../src/protocol/index.ts';
import type { Queryable } from '../store/sql.ts';
import { jsonValue } from './rows.ts';

/** Server-private key/value settings (the demo API key): never synced. */
export async function getSetting(sql: Queryable, key: string): Promise<string | null> {
  const { rows } = await sql.query<{ value: string }>('select value from settings where key = $1', [key]);
  return rows[0]?.value ?? null;
}

export async function setSetting(sql: Queryable, key: string, value: string): Promise<void> {
  await sql.query(
    'insert into settings (key, value) values ($1, $2) on conflict (key) do update set value = excluded.value',
    [key, value],
  );
}

/**
 * The chain's points policy, from the `settings` sync collection (the same
 * document tablets pull, so both sides apply the same rules). A missing or
 * unreadable document falls back to the default rather than stopping every
 * posting: the projection must always be computable.
 */
export async function pointsPolicy(sql: Queryable): Promise<PointsPolicy> {
  const { rows } = await sql.query<{ body: unknown }>('select body from setting_documents where id = $1 and not deleted', [
    POINTS_POLICY_SETTINGS_ID,
  ]);
  const body = rows[0] ? (jsonValue(rows[0].body) as { pointsPolicy?: unknown }) : null;
  const parsed = pointsPolicySchema.safeParse(body?.pointsPolicy);
  return parsed.success ? parsed.data : DEFAULT_POINTS_POLICY;
}

/**
 * Replaces the points policy (HQ). Call inside a writeTransaction and add
 * `settings` to `changed`, so tablets hear of it. The old `yen_per_point`
 * key is kept equal for anything still reading it.
 */
export async function setPointsPolicy(tx: Queryable, policy: PointsPolicy): Promise<void> {
  const checked = pointsPolicySchema.parse(policy);
  await tx.query(
    `insert into setting_documents (id, body, updated_at) values ($1, $2::jsonb, now())
     on conflict (id) do update set body = excluded.body, updated_at = excluded.updated_at, deleted = false`,
    [POINTS_POLICY_SETTINGS_ID, JSON.stringify({ pointsPolicy: checked })],
  );
  await setSetting(tx, 'yen_per_point', String(checked.yenPerPoint));
}

/** The chain's earn rate (points per this many yen), handed to tablets at enrolment. */
export async function yenPerPoint(sql: Queryable): Promise<number> {
  return (await pointsPolicy(sql)).yenPerPoint;
}
