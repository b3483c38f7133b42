import type { DeviceList, DeviceStatusReport, EnrolmentCodeRequest, EnrolmentCodeResponse } from '../../src/protocol/index.ts';
import { deviceStatusReportSchema, TenpoError } from '../../src/protocol/index.ts';
import type { Queryable } from '../store/sql.ts';
import { recordServerAudit } from './audit.ts';
import { humanCode } from './tokens.ts';

/**
 * A one-time enrolment code for a shop: a manager shows it (or its QR) to the
 * new tablet. Unlike the demo's printed codes, it enrols one device and expires.
 */
export async function createEnrolmentCode(sql: Queryable, request: EnrolmentCodeRequest): Promise<EnrolmentCodeResponse> {
  const { rows: shops } = await sql.query("select 1 from locations where id = $1 and kind = 'store'", [request.shopId]);
  if (shops.length === 0) {
    throw new TenpoError('unprocessable', `no shop ${request.shopId}`, undefined, { shopId: 'unknown-shop' });
  }
  // ONE- tells the clerk at a glance that this code is not the shop's printed one.
  const code = humanCode('ONE', 3);
  const { rows } = await sql.query<{ expires_at: Date | string }>(
    `insert into enrolment_codes (code, shop_id, reusable, expires_at)
       values ($1, $2, false, now() + make_interval(mins => $3::int)) returning expires_at`,
    [code, request.shopId, request.expiresInMinutes],
  );
  await recordServerAudit(sql, { action: 'device-enrolment-code', shopId: request.shopId, detail: { expiresAt: iso(rows[0]?.expires_at) } });
  return { code, shopId: request.shopId, expiresAt: iso(rows[0]?.expires_at), qr: code };
}

export async function listDevices(sql: Queryable): Promise<DeviceList> {
  const { rows } = await sql.query<{
    id: string;
    name: string;
    shop_id: string;
    shop_name: string;
    created_at: Date | string;
    last_seen_at: Date | string | null;
    last_sync_at: Date | string | null;
    pending: unknown;
    pending_oldest_at: Date | string | null;
    pending_reported_at: Date | string | null;
    revoked_at: Date | string | null;
  }>(
    `select d.id, d.name, d.shop_id, l.name as shop_name, d.created_at, d.last_seen_at, d.last_sync_at,
            d.pending, d.pending_oldest_at, d.pending_reported_at, d.revoked_at
       from devices d join locations l on l.id = d.shop_id order by d.created_at, d.id`,
  );
  return {
    devices: rows.map((row) => ({
      id: row.id,
      name: row.name,
      shop: { id: row.shop_id, name: row.shop_name },
      enrolledAt: iso(row.created_at),
      lastSeenAt: row.last_seen_at === null ? null : iso(row.last_seen_at),
      lastSyncAt: row.last_sync_at === null ? null : iso(row.last_sync_at),
      pending:
        row.pending_reported_at === null
          ? null
          : {
              pending: pendingCounts(row.pending),
              oldestPendingAt: row.pending_oldest_at === null ? null : iso(row.pending_oldest_at),
              reportedAt: iso(row.pending_reported_at),
            },
      revokedAt: row.revoked_at === null ? null : iso(row.revoked_at),
    })),
  };
}

type RevocationListener = (deviceId: string) => void;
const revocationListeners = new Set<RevocationListener>();

/**
 * Open streams of a revoked device hear of it here and end at once; the
 * tablet's reconnect then gets its 401. Process-local: streams held by another
 * instance sharing the database are ended by that instance's hub, which looks
 * for revoked devices among its streams every few seconds (fanout/hub.ts).
 */
export function onDeviceRevoked(listener: RevocationListener): () => void {
  revocationListeners.add(listener);
  return () => revocationListeners.delete(listener);
}

/** Revokes a device; revoking it again keeps the first time. */
export async function revokeDevice(sql: Queryable, deviceId: string): Promise<void> {
  const { rows } = await sql.query<{ shop_id: string }>(
    'update devices set revoked_at = coalesce(revoked_at, now()) where id = $1 returning shop_id',
    [deviceId],
  );
  const revoked = rows[0];
  if (!revoked) throw new TenpoError('not-found', `no device ${deviceId}`);
  await recordServerAudit(sql, { action: 'device-revoke', deviceId, shopId: revoked.shop_id });
  for (const listener of [...revocationListeners]) listener(deviceId);
}

const TOUCH_INTERVAL_MS = 60_000;
const lastTouched = new Map<string, number>();

/**
 * Records a device's last contact. Every pull and push passes here, so the
 * row is written at most once a minute per device and process: a busy
 * counter must not turn every sync into a write.
 */
export async function touchDevice(sql: Queryable, deviceId: string, now = Date.now()): Promise<void> {
  const last = lastTouched.get(deviceId);
  if (last !== undefined && now - last < TOUCH_INTERVAL_MS) return;
  lastTouched.set(deviceId, now);
  await sql.query('update devices set last_seen_at = now() where id = $1', [deviceId]);
}

/** Stored from a validated report; parsed again so a row edited by hand cannot break the list. */
function pendingCounts(value: unknown): DeviceStatusReport['pending'] {
  const parsed = deviceStatusReportSchema.shape.pending.safeParse(typeof value === 'string' ? JSON.parse(value) : value);
  return parsed.success ? parsed.data : {};
}

function iso(value: Date | string | undefined): string {
  return value === undefined ? '' : new Date(value).toISOString();
}
