import type { DeviceStatusReport } from '../../src/protocol/index.ts';
import type { Queryable } from '../store/sql.ts';

const SYNC_TOUCH_INTERVAL_MS = 60_000;
const lastSyncTouched = new Map<string, number>();

/**
 * Records a device's last pull or push for HQ's device list. Like touchDevice,
 * at most one write a minute per device and process: a busy counter pulls and
 * pushes all day, and HQ needs minutes, not milliseconds.
 */
export async function touchDeviceSync(sql: Queryable, deviceId: string, now = Date.now()): Promise<void> {
  const last = lastSyncTouched.get(deviceId);
  if (last !== undefined && now - last < SYNC_TOUCH_INTERVAL_MS) return;
  lastSyncTouched.set(deviceId, now);
  await sql.query('update devices set last_sync_at = now() where id = $1', [deviceId]);
}

/** Stores a tablet's report of what it has not sent; the newest report replaces the last. */
export async function recordDeviceStatus(sql: Queryable, deviceId: string, report: DeviceStatusReport): Promise<void> {
  await sql.query(
    `update devices set pending = $2::jsonb, pending_oldest_at = $3::timestamptz, pending_reported_at = now() where id = $1`,
    [deviceId, JSON.stringify(report.pending), report.oldestPendingAt],
  );
}
