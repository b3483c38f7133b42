import { useEffect, useSyncExternalStore } from 'react';
import { checkPersistence, persistenceState, subscribePersistence, type PersistenceState } from './persistent-storage.ts';

/** Whether this tablet's storage is protected from eviction; checked on first use. */
export function usePersistence(): PersistenceState {
  useEffect(() => {
    void checkPersistence();
  }, []);
  return useSyncExternalStore(subscribePersistence, persistenceState, persistenceState);
}
