import { distinctUntilChanged, map, type Observable } from 'rxjs';
import type { TenpoDatabase } from './database.ts';

/**
 * The member's id and the ids of the records merged into them (名寄せ), live:
 * `[memberId, ...merged]`, the merged ones sorted, re-emitting only when the
 * group changes. One level: a record merged into a merged record shows under
 * the latter. The counter's history, the profile and coupons all read the group.
 */
export function observeMemberGroup(db: TenpoDatabase, memberId: string): Observable<string[]> {
  return db.members.find({ selector: { mergedInto: memberId } }).$.pipe(
    map((docs) => [memberId, ...docs.map((doc) => doc.id).sort()]),
    distinctUntilChanged((a, b) => a.join('|') === b.join('|')),
  );
}
