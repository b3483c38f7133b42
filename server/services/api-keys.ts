import type { Queryable } from '../store/sql.ts';
import { getSetting, setSetting } from './settings.ts';
import { randomToken, sha256Hex } from './tokens.ts';

const DEMO_KEY_SETTING = 'demo_api_key';

export async function createApiKey(sql: Queryable, name: string): Promise<string> {
  const key = `tnp_${randomToken()}`;
  await sql.query('insert into api_keys (key_hash, name) values ($1, $2)', [sha256Hex(key), name]);
  return key;
}

/**
 * The demo key is printed on every start, so it is kept in plain text in
 * settings. Acceptable for demo data only: it unlocks nothing but demo members,
 * and a real deployment makes keys with createApiKey, which stores only hashes.
 */
export async function ensureDemoApiKey(sql: Queryable): Promise<string> {
  const existing = await getSetting(sql, DEMO_KEY_SETTING);
  if (existing) return existing;
  const key = await createApiKey(sql, 'demo');
  await setSetting(sql, DEMO_KEY_SETTING, key);
  return key;
}
