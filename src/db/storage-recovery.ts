/**
 * What the app does when the storage connection is lost (storage-health.ts):
 * it reloads the page.
 *
 * Why not reopen in place: Dexie already reopens a connection where it can;
 * what is left is RxDB's own state bound to the dead connection — the
 * RxDatabase with its document and query caches, one replication per
 * collection mid-run, and every module and hook that holds the instance
 * (getDatabase()'s promise, the sync engine, live queries). Rebuilding all of
 * that in place means closing the RxDatabase while they still use it, and a
 * second database of the same name while the first is half-closed is what
 * RxDB refuses (DB8) or counts twice towards COL23. A reload rebuilds all of
 * it from what IndexedDB holds, and IndexedDB holds every write whose
 * transaction completed: the queued (unsent) ledger entries survive, and
 * replication pushes them from its checkpoint after the reload. Only the one
 * write that failed is not stored — the clerk is told to check it.
 */

const RECOVERED_KEY = 'tenpo.storageRecoveredAt';
/** A second loss this soon after a reload is not a dying connection but storage that does not work: no reload loop. */
const LOOP_GUARD_MS = 30_000;

let reloading = false;
/** The app is removing the database itself (reset, revoked device): its closed connections are expected. */
let closingOnPurpose = false;

/** Call before removing the database on purpose, so its closing is not taken for a lost connection. */
export function expectStorageClosing(): void {
  closingOnPurpose = true;
}

function recoveredAt(): number | null {
  try {
    const stored = sessionStorage.getItem(RECOVERED_KEY);
    return stored === null ? null : Date.parse(stored);
  } catch {
    return null;
  }
}

/** Called on every failed storage call that lost its connection; reloads the page once. */
export function recoverFromLostStorage(error: unknown, now: Date = new Date()): void {
  if (reloading || closingOnPurpose) return;
  const last = recoveredAt();
  if (last !== null && now.getTime() - last < LOOP_GUARD_MS) {
    console.error('storage lost again right after a reload; not reloading', error);
    return;
  }
  console.warn('storage connection lost; reloading the page', error);
  reloading = true;
  try {
    sessionStorage.setItem(RECOVERED_KEY, now.toISOString());
  } catch {
    // Without the note the clerk is not told after the reload; the data is still safe.
  }
  window.location.reload();
}

/** When this page was reloaded after a lost connection (ISO time), or null: the shell tells the clerk. */
export function storageRecoveredAt(): string | null {
  const at = recoveredAt();
  return at === null || Number.isNaN(at) ? null : new Date(at).toISOString();
}

/** The clerk read the notice. */
export function dismissStorageRecovered(): void {
  try {
    sessionStorage.removeItem(RECOVERED_KEY);
  } catch {
    // see recoverFromLostStorage
  }
}
