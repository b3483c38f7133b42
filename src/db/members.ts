import type { RxCollection } from 'rxdb';
import { from, map, switchMap, type Observable } from 'rxjs';
import type { MemberQuery } from '../domain/member-search.ts';
import { TenpoError, type Member, type MemberLookupResponse } from '../protocol/index.ts';
import { getDatabase, type TenpoDatabase } from './database.ts';
import { queryCache, rememberLookup } from './member-cache.ts';

type Members = RxCollection<Member>;

/** Enough for any real chain of merges (A into B, later B into C); more means a loop or bad data. */
const MAX_MERGE_HOPS = 16;
/** A counter lookup shows a short list, never the whole membership (a one-letter kana prefix). */
const MAX_RESULTS = 20;

/**
 * A member a lookup found. `mergedFrom` is the record the query actually
 * matched when 名寄せ merged it into `member` (its old number, its TNP1 card):
 * the counter tells the clerk, and earns go to the survivor.
 */
export interface MemberMatch {
  member: Member;
  mergedFrom?: Member;
}

/**
 * Follows `mergedInto` to the surviving member. Stops at a record whose survivor
 * has not reached this tablet yet (the merged record is still the best we
 * have) and at a loop (bad data must not hang the counter).
 */
export async function resolveSurvivor(members: Members, found: Member): Promise<MemberMatch> {
  const seen = new Set([found.id]);
  let current = found;
  for (let hop = 0; hop < MAX_MERGE_HOPS && current.mergedInto !== ''; hop += 1) {
    if (seen.has(current.mergedInto)) break;
    const next = await members.findOne(current.mergedInto).exec();
    if (!next) break;
    current = next.toMutableJSON();
    seen.add(current.id);
  }
  return current.id === found.id ? { member: found } : { member: current, mergedFrom: found };
}

/** Resolves each hit to its survivor, once per survivor (a merged record and its survivor often share a phone). */
async function resolveAll(members: Members, found: readonly Member[]): Promise<MemberMatch[]> {
  const matches: MemberMatch[] = [];
  const seen = new Set<string>();
  for (const member of found) {
    const match = await resolveSurvivor(members, member);
    if (seen.has(match.member.id)) continue;
    seen.add(match.member.id);
    matches.push(match);
  }
  return matches;
}

/** The first code point after every string starting with `prefix`: the exclusive end of a prefix range. */
function prefixEnd(prefix: string): string {
  return prefix + '\uffff';
}

/** The members a parsed counter query finds in this collection (exported for tests; the app calls lookupMembers). */
export async function queryMembers(members: Members, query: MemberQuery): Promise<MemberMatch[]> {
  switch (query.by) {
    case 'memberNo': {
      const doc = await members.findOne({ selector: { memberNo: query.memberNo } }).exec();
      return doc ? [await resolveSurvivor(members, doc.toMutableJSON())] : [];
    }
    case 'phone':
    case 'email': {
      const selector = query.by === 'phone' ? { phone: query.phone } : { email: query.email };
      const docs = await members.find({ selector, sort: [{ memberNo: 'asc' }], limit: MAX_RESULTS }).exec();
      return resolveAll(members, docs.map((doc) => doc.toMutableJSON()));
    }
    case 'kana': {
      // A range on the indexed folded key: "カン" finds カンダ and カンノ without a full scan.
      const docs = await members
        .find({ selector: { kanaKey: { $gte: query.kanaKey, $lt: prefixEnd(query.kanaKey) } }, sort: [{ kanaKey: 'asc' }], limit: MAX_RESULTS })
        .exec();
      return resolveAll(members, docs.map((doc) => doc.toMutableJSON()));
    }
    case 'paperCard': {
      // Not indexed (an array): paper cards are typed rarely, during migration to the app.
      const docs = await members.find({ selector: { paperCards: { $elemMatch: { $eq: query.cardNo } } }, limit: MAX_RESULTS }).exec();
      return resolveAll(members, docs.map((doc) => doc.toMutableJSON()));
    }
    case 'none':
      return [];
  }
}

/**
 * What the clerk typed or scanned, looked up in the local database (works
 * offline): the replicated members first, then those looked up online and
 * still cached (member-cache.ts).
 */
export async function lookupMembers(query: MemberQuery, db?: TenpoDatabase, now = Date.now()): Promise<MemberMatch[]> {
  const database = db ?? (await getDatabase());
  const local = await queryMembers(database.members, query);
  return local.length > 0 ? local : queryCache(database, query, now);
}

/** The answer of an online lookup: found, nobody anywhere, or the server could not be asked. */
export type OnlineLookup =
  | { kind: 'found'; matches: MemberMatch[] }
  | { kind: 'none' }
  | { kind: 'offline' }
  | { kind: 'refused'; error: TenpoError };

/** The query as text the server reads back with the same parseMemberQuery. */
export function queryText(query: MemberQuery): string {
  switch (query.by) {
    case 'memberNo':
      return query.memberNo;
    case 'phone':
      return query.phone;
    case 'email':
      return query.email;
    case 'kana':
      return query.kanaKey;
    case 'paperCard':
      return query.cardNo;
    case 'none':
      return '';
  }
}

/**
 * A member this tablet does not hold, asked of the server (issue 6: a tablet
 * holds only its shop's members). The answer is cached for memberCacheHours,
 * so the counter finds the member again offline; the server, for its part,
 * now replicates the member to this shop. `ask` is the network
 * (src/sync/member-lookup.ts); anything it throws other than a server's
 * answer counts as offline.
 */
export async function lookupMembersOnline(
  query: MemberQuery,
  ask: (typed: string) => Promise<MemberLookupResponse>,
  db?: TenpoDatabase,
  now = Date.now(),
): Promise<OnlineLookup> {
  if (query.by === 'none') return { kind: 'none' };
  const database = db ?? (await getDatabase());
  let answer: MemberLookupResponse;
  try {
    answer = await ask(queryText(query));
  } catch (error) {
    return error instanceof TenpoError ? { kind: 'refused', error } : { kind: 'offline' };
  }
  await rememberLookup(database, answer, now);
  const matches = await queryCache(database, query, now);
  return matches.length > 0 ? { kind: 'found', matches } : { kind: 'none' };
}

/**
 * Exact member number (10 digits), as scanned from `TNP1:` or typed at the
 * counter. A merged member's old number finds the survivor.
 */
export async function findMemberByNo(memberNo: string): Promise<Member | null> {
  const [match] = await lookupMembers({ by: 'memberNo', memberNo });
  return match ? match.member : null;
}

/**
 * Members with this phone (E.164, already normalised by parseMemberQuery),
 * merged records resolved to their survivors. Several members can share a
 * number (a family, a shop phone), so this is a list.
 */
export async function findMembersByPhone(phone: string): Promise<Member[]> {
  if (phone === '') return [];
  const matches = await lookupMembers({ by: 'phone', phone });
  return matches.map((match) => match.member);
}

/** The member, live by id (a member registered offline has no number yet); null when gone. */
export function observeMember(memberId: string): Observable<Member | null> {
  return from(getDatabase()).pipe(
    switchMap((db) => db.members.findOne(memberId).$),
    map((doc) => (doc ? doc.toMutableJSON() : null)),
  );
}
