import { useEffect } from 'react';
import type { Enrolment } from '../db/index.ts';
import { checkPersistence } from '../device/persistent-storage.ts';
import { startSync } from './sync-engine.ts';

/**
 * Starts replication once the tablet is enrolled. No cleanup on purpose: the
 * engine lives for the page (see sync-engine.ts), and startSync is a no-op for
 * the same enrolment, so StrictMode's double mount does nothing twice.
 */
export function useSyncEngine(enrolment: Enrolment | null): void {
  useEffect(() => {
    if (!enrolment) return;
    startSync(enrolment);
    // Whether the browser still promises to keep our storage; the settings screen shows it.
    void checkPersistence();
  }, [enrolment]);
}
