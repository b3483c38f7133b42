import type { Staff, StaffPutRequest, StaffSummary } from '../../../src/protocol/index.ts';
import { STAFF_SETTINGS_PREFIX, staffSchema, TenpoError } from '../../../src/protocol/index.ts';
import { hashStaffPin } from '../../../src/domain/manager-pin.ts';
import type { Queryable } from '../../store/sql.ts';
import { isoTime, jsonValue } from '../rows.ts';
import type { WriteContext } from '../write-transaction.ts';

/**
 * Staff members as `settings` documents (`staff:<id>`, body `{"staff": …}`,
 * shop_id = their shop, null for hq): one source for the API, the tablets and
 * the server's own approval checks (issue 6).
 */

export interface StoredStaff {
  staff: Staff;
  updatedAt: string;
}

function readRow(row: { body: unknown; updated_at: unknown }): StoredStaff | null {
  const parsed = staffSchema.safeParse((jsonValue(row.body) as { staff?: unknown }).staff);
  return parsed.success ? { staff: parsed.data, updatedAt: isoTime(row.updated_at) } : null;
}

export async function findStaff(sql: Queryable, staffId: string): Promise<StoredStaff | null> {
  const { rows } = await sql.query<{ body: unknown; updated_at: unknown }>(
    'select body, updated_at from setting_documents where id = $1 and not deleted',
    [STAFF_SETTINGS_PREFIX + staffId],
  );
  return rows[0] ? readRow(rows[0]) : null;
}

/** Every staff member, by id; optionally one shop's (hq staff are listed with every shop). */
export async function listStaff(sql: Queryable, shopId?: string): Promise<StoredStaff[]> {
  const { rows } = await sql.query<{ body: unknown; updated_at: unknown }>(
    `select body, updated_at from setting_documents
      where id like 'staff:%' and not deleted and ($1::text is null or shop_id is null or shop_id = $1)
      order by id`,
    [shopId ?? null],
  );
  return rows.flatMap((row) => readRow(row) ?? []);
}

/** What the API shows: never the PIN hash. */
export function staffSummary({ staff, updatedAt }: StoredStaff): StaffSummary {
  return { staffId: staff.staffId, name: staff.name, role: staff.role, shopId: staff.shopId, active: staff.active, updatedAt };
}

async function isStore(tx: Queryable, shopId: string): Promise<boolean> {
  const { rows } = await tx.query("select 1 from locations where id = $1 and kind = 'store'", [shopId]);
  return rows.length > 0;
}

/**
 * Creates or updates a staff member in the caller's write transaction and
 * marks `settings` changed, so the tablets of their shop get it live. The PIN
 * is hashed here; absent on an update, the old hash stays.
 */
export async function writeStaff(ctx: WriteContext, staffId: string, request: StaffPutRequest): Promise<{ stored: StoredStaff; created: boolean }> {
  const { tx } = ctx;
  // hq staff approve everywhere and belong to no shop; clerks and managers belong to exactly one.
  if ((request.role === 'hq') !== (request.shopId === null)) {
    throw new TenpoError('unprocessable', 'hq staff have shopId null; clerks and managers a shop', 422, [{ path: 'shopId', message: 'does not fit the role' }]);
  }
  if (request.shopId !== null && !(await isStore(tx, request.shopId))) {
    throw new TenpoError('unprocessable', `no shop ${request.shopId}`, 422, [{ path: 'shopId', message: 'unknown shop' }]);
  }
  const existing = await findStaff(tx, staffId);
  if (!existing && request.pin === undefined) {
    throw new TenpoError('unprocessable', 'a new staff member needs a PIN', 422, [{ path: 'pin', message: 'required for a new staff member' }]);
  }
  const pin = request.pin === undefined && existing ? existing.staff.pin : await hashStaffPin(request.pin ?? '');
  const staff: Staff = { staffId, name: request.name, role: request.role, shopId: request.shopId, pin, active: request.active };
  const { rows } = await tx.query<{ updated_at: unknown }>(
    `insert into setting_documents (id, body, shop_id, updated_at) values ($1, $2::jsonb, $3, now())
     on conflict (id) do update set body = excluded.body, shop_id = excluded.shop_id, updated_at = excluded.updated_at, deleted = false
     returning updated_at`,
    [STAFF_SETTINGS_PREFIX + staffId, JSON.stringify({ staff }), staff.shopId],
  );
  ctx.changed.add('settings');
  return { stored: { staff, updatedAt: isoTime(rows[0]?.updated_at) }, created: existing === null };
}
