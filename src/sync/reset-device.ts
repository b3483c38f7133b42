import { removeDatabase } from '../db/index.ts';
import { stopSync } from './sync-engine.ts';
import { resetSyncStatus } from './sync-status-store.ts';

/**
 * Forgets the enrolment and every local document, then reloads into the
 * enrolment screen. The caller must make sure nothing is unsent: unsent
 * ledger entries exist only on this tablet.
 */
export async function resetDevice(): Promise<void> {
  await stopSync();
  await removeDatabase();
  resetSyncStatus();
  window.location.reload();
}
