import type { Queryable } from '../store/sql.ts';
import { sha256Hex } from './tokens.ts';

/** An enrolled tablet, as known to every /sync/v1 handler. */
export interface Device {
  id: string;
  shopId: string;
  name: string;
}

/** The device a bearer token belongs to, or null (unknown or revoked: both are 401). */
export async function deviceByToken(sql: Queryable, token: string): Promise<Device | null> {
  const { rows } = await sql.query<{ id: string; shop_id: string; name: string }>(
    'select id, shop_id, name from devices where token_hash = $1 and revoked_at is null',
    [sha256Hex(token)],
  );
  const row = rows[0];
  return row ? { id: row.id, shopId: row.shop_id, name: row.name } : null;
}
