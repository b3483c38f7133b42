import { from, map, switchMap, type Observable } from 'rxjs';
import type { Member } from '../protocol/index.ts';
import { getDatabase } from './database.ts';

/** Exact member number (10 digits), as scanned from `TNP1:` or typed at the counter. */
export async function findMemberByNo(memberNo: string): Promise<Member | null> {
  const db = await getDatabase();
  const doc = await db.members.findOne({ selector: { memberNo } }).exec();
  return doc ? doc.toMutableJSON() : null;
}

/**
 * Members with this phone (E.164, already normalised by parseMemberQuery).
 * Several members can share a number (a family, a shop phone), so this is a list.
 */
export async function findMembersByPhone(phone: string): Promise<Member[]> {
  if (phone === '') return [];
  const db = await getDatabase();
  const docs = await db.members
    .find({ selector: { phone }, sort: [{ memberNo: 'asc' }], limit: 20 })
    .exec();
  return docs.map((doc) => doc.toMutableJSON());
}

/** The member, live by id (a member registered offline has no number yet); null when gone. */
export function observeMember(memberId: string): Observable<Member | null> {
  return from(getDatabase()).pipe(
    switchMap((db) => db.members.findOne(memberId).$),
    map((doc) => (doc ? doc.toMutableJSON() : null)),
  );
}
