import { combineLatest, from, map, of, switchMap, type Observable } from 'rxjs';
import type { PointAccount, PointEntry } from '../protocol/index.ts';
import { getDatabase, type TenpoDatabase } from './database.ts';
import { observeMemberGroup } from './member-group.ts';

/**
 * Reads of the ledger the counter shows. Writes are in point-writes.ts. Both
 * only touch the local database: the network is never on a clerk's path.
 */

export interface MemberPoints {
  /** The server's projection of the member's ledger; null before their first posting reached this tablet. */
  account: PointAccount | null;
  /** Every entry of the member this tablet holds: pulled from the server, or written here and maybe unsent. */
  entries: PointEntry[];
}

export async function readMemberPoints(db: TenpoDatabase, memberId: string): Promise<MemberPoints> {
  const [account, entries] = await Promise.all([
    db.point_accounts.findOne(memberId).exec(),
    db.point_entries.find({ selector: { memberId } }).exec(),
  ]);
  return { account: account ? account.toMutableJSON() : null, entries: entries.map((doc) => doc.toMutableJSON()) };
}

/** The member's account (id = memberId) and all their entries, live. */
export function observeMemberPoints(memberId: string): Observable<MemberPoints> {
  return from(getDatabase()).pipe(
    switchMap((db) =>
      combineLatest([db.point_accounts.findOne(memberId).$, db.point_entries.find({ selector: { memberId } }).$]),
    ),
    map(([account, entries]) => ({
      account: account ? account.toMutableJSON() : null,
      entries: entries.map((doc) => doc.toMutableJSON()),
    })),
  );
}

/**
 * Entries this device wrote that the server has not acknowledged (no posting
 * number yet). Only this device's entries can lack one — everything pulled
 * from the server is posted — so the query walks the deviceId index instead of
 * the whole ledger.
 */
export function observeUnsentCount(deviceId: string): Observable<number> {
  return from(getDatabase()).pipe(
    switchMap((db) => db.point_entries.find({ selector: { deviceId, postingNo: { $exists: false } } }).$),
    map((docs) => docs.length),
  );
}

/**
 * Entries of the records merged into this member (名寄せ), live: the counter
 * shows their history under the survivor. Their points already moved by the
 * merge's transfer entries, so these are for display, never for the balance.
 * One level: a record merged into a merged record shows under the latter.
 */
export function observeMergedEntries(memberId: string): Observable<PointEntry[]> {
  return from(getDatabase()).pipe(
    switchMap((db) =>
      observeMemberGroup(db, memberId).pipe(
        map((group) => group.slice(1)),
        switchMap((ids) =>
          ids.length === 0
            ? of([])
            : db.point_entries.find({ selector: { memberId: { $in: ids } } }).$.pipe(map((docs) => docs.map((doc) => doc.toMutableJSON()))),
        ),
      ),
    ),
  );
}
