import { DEVICE_STATUS_PATH, PROTOCOL_HEADER, PROTOCOL_VERSION, type DeviceStatusReport } from '../protocol/index.ts';
import type { Unsent } from '../db/unsent.ts';
import { TransportError } from './sync-failure.ts';

/**
 * The tablet tells the server what it has not sent yet (POST /sync/v1/status),
 * so HQ sees it on the device list: a tablet that syncs but keeps unsent
 * entries (a refused push, a stuck queue) is visible before anyone asks.
 */

/** Only unsent ledger entries can be counted today: they are the ones with no posting number yet. */
export function statusReportOf(unsent: Unsent): DeviceStatusReport {
  return { pending: { point_entries: unsent.count }, oldestPendingAt: unsent.oldestAt };
}

export async function postStatusReport(options: { baseUrl?: string; token: string }, report: DeviceStatusReport): Promise<void> {
  const response = await fetch(`${options.baseUrl ?? ''}/sync/v1${DEVICE_STATUS_PATH}`, {
    method: 'POST',
    cache: 'no-store',
    headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(report),
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) throw new TransportError('bad-response', `status report: HTTP ${response.status}`, response.status);
}

export interface StatusReporter {
  /** The count changed: send it (now, or once the report in flight is answered). */
  note(report: DeviceStatusReport): void;
  /** The tablet reached the server: send the count again if it changed or the last report is old. */
  flush(): void;
}

/** Re-send an unchanged report after this long, so HQ's "reported at" shows the tablet is still counting. */
export const STATUS_REFRESH_MS = 5 * 60_000;

/**
 * One report in flight at a time; a failed one is simply sent again on the
 * next contact (the server keeps the newest, so order and repeats are harmless).
 */
export function createStatusReporter(send: (report: DeviceStatusReport) => Promise<void>, now: () => number = Date.now): StatusReporter {
  let latest: DeviceStatusReport | null = null;
  let sent: { key: string; at: number } | null = null;
  let inFlight = false;

  function flush(): void {
    if (inFlight || latest === null) return;
    const report = latest;
    const key = JSON.stringify(report);
    if (sent?.key === key && now() - sent.at < STATUS_REFRESH_MS) return;
    inFlight = true;
    send(report).then(
      () => {
        sent = { key, at: now() };
        inFlight = false;
        flush();
      },
      () => {
        // Offline or refused: the next contact tries again.
        inFlight = false;
      },
    );
  }

  return {
    note(report) {
      latest = report;
      flush();
    },
    flush,
  };
}
