import { useSyncStore, type SyncStatus } from './sync-status-store.ts';

/** The tablet's sync status: one tagged union plus unsent count and last sync time. */
export function useSyncStatus(): SyncStatus {
  return useSyncStore((store) => store.status);
}
