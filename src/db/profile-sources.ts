import { combineLatest, from, map, switchMap, type Observable } from 'rxjs';
import type { ProfileSources } from '../domain/profile-timeline.ts';
import { getDatabase } from './database.ts';
import { observeMemberGroup } from './member-group.ts';

/**
 * Everything the tablet holds for a member's profile (issue 9), live: their
 * purchases and contacts, point entries and orders, and those of every record
 * merged into them (名寄せ, one level as in points.ts). A document arriving by
 * sync, or a note written here, re-emits at once.
 */
export function observeProfileSources(memberId: string): Observable<ProfileSources> {
  return from(getDatabase()).pipe(
    switchMap((db) =>
      observeMemberGroup(db, memberId).pipe(
        switchMap((ids) => {
          const selector = { memberId: { $in: ids } };
          return combineLatest([
            db.timeline.find({ selector }).$,
            db.point_entries.find({ selector }).$,
            db.orders.find({ selector }).$,
          ]);
        }),
      ),
    ),
    map(([docs, entries, orders]) => ({
      docs: docs.map((doc) => doc.toMutableJSON()),
      entries: entries.map((doc) => doc.toMutableJSON()),
      orders: orders.map((doc) => doc.toMutableJSON()),
    })),
  );
}
