import { removeDatabase } from '../db/index.ts';
import { markRevoked } from '../device/revoked-flag.ts';
import { resetSyncStatus } from './sync-status-store.ts';

/** Replications and the stream must stop before the database goes; a stuck cancel must not keep a stolen tablet's data. */
const STOP_TIMEOUT_MS = 5_000;

/**
 * The server refused this tablet's token (401 `unauthorized`): a manager
 * revoked it, presumably because it was lost or stolen. Everything it holds
 * goes: the database (members, ledger, enrolment and token), the Cache
 * Storage caches and the service worker, then the page reloads into the
 * enrolment screen, which says why.
 *
 * Unsent ledger entries and audit events are lost by design: a revoked
 * tablet is presumed to be in the wrong hands, and nothing it holds can be
 * sent anyway (the server refuses its token). Unlike resetDevice, nothing
 * here waits for them.
 *
 * If a step fails, the page still reloads: the enrolment survives, sync
 * starts again, meets the 401 again, and the wipe is tried again.
 */
export async function wipeRevokedDevice(stopSync: () => Promise<void>): Promise<void> {
  markRevoked();
  try {
    await Promise.race([stopSync(), new Promise((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS))]);
    await removeDatabase();
    await Promise.all([deleteCaches(), unregisterServiceWorkers()]);
    resetSyncStatus();
  } catch (error) {
    console.error('wiping the revoked tablet failed; retrying after reload', error);
  }
  window.location.reload();
}

async function deleteCaches(): Promise<void> {
  if (typeof caches === 'undefined') return;
  const names = await caches.keys();
  await Promise.all(names.map((name) => caches.delete(name)));
}

/**
 * With its precache gone the worker would serve nothing offline; unregistered,
 * the next load installs it afresh, so a re-enrolled tablet works offline again.
 */
async function unregisterServiceWorkers(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const registrations = await navigator.serviceWorker.getRegistrations();
  await Promise.all(registrations.map((registration) => registration.unregister()));
}
