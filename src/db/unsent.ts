import { from, map, switchMap, type Observable } from 'rxjs';
import { getDatabase } from './database.ts';

export interface Unsent {
  /** This device's ledger entries the server has not acknowledged (no posting number yet). */
  count: number;
  /** When the oldest of them was written (the tablet's clock, ISO); null when none. */
  oldestAt: string | null;
}

/**
 * Like observeUnsentCount (points.ts), plus the age of the oldest: an unsent
 * entry is the only copy of that sale's points, and the sync status shows how
 * long it has been so, so that nobody leaves a tablet offline for days unnoticed.
 */
export function observeUnsent(deviceId: string): Observable<Unsent> {
  return from(getDatabase()).pipe(
    switchMap((db) => db.point_entries.find({ selector: { deviceId, postingNo: { $exists: false } } }).$),
    map((docs) => {
      const times = docs.map((doc) => doc.createdAt).sort();
      return { count: docs.length, oldestAt: times[0] ?? null };
    }),
  );
}
