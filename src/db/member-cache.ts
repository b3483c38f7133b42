import { from, map, switchMap, type Observable } from 'rxjs';
import { z } from 'zod';
import type { MemberQuery } from '../domain/member-search.ts';
import {
  DEFAULT_DEVICE_POLICY,
  DEVICE_POLICY_SETTINGS_ID,
  devicePolicySchema,
  memberSchema,
  pointAccountSchema,
  pointEntrySchema,
  type Member,
  type MemberLookupResponse,
} from '../protocol/index.ts';
import { getDatabase, type TenpoDatabase } from './database.ts';
import type { MemberMatch } from './members.ts';

/**
 * Members this tablet looked up online (issue 6): a tablet holds only its
 * shop's members, so a visitor from another shop is fetched once and kept for
 * the device policy's memberCacheHours, long enough to serve them again if the
 * network drops, short enough that a lost tablet holds few strangers. Kept in
 * one RxDB local document (wiped with the database on revocation), never in
 * the replicated collections; expired members are purged whenever it is read.
 */
const cachedMemberSchema = z.object({
  member: memberSchema,
  account: pointAccountSchema.nullable(),
  entries: z.array(pointEntrySchema),
  expiresAt: z.string(),
});
export type CachedMember = z.infer<typeof cachedMemberSchema>;

const cacheDataSchema = z.object({ members: z.record(z.string(), cachedMemberSchema) });
type CacheData = z.infer<typeof cacheDataSchema>;

/** Stored by an older app version, or damaged: an empty cache (it only ever saves a trip to the server). */
function parseCache(stored: unknown): CacheData {
  const parsed = cacheDataSchema.safeParse(stored);
  return parsed.success ? parsed.data : { members: {} };
}

const CACHE_KEY = 'member-cache';
/** A bound on what a busy day of lookups can leave on the tablet. */
const MAX_CACHED = 200;
const HOUR_MS = 60 * 60 * 1000;
const MAX_RESULTS = 20;

async function cacheHours(db: TenpoDatabase): Promise<number> {
  const doc = await db.settings.findOne(DEVICE_POLICY_SETTINGS_ID).exec();
  const parsed = devicePolicySchema.safeParse(doc?.toMutableJSON().devicePolicy);
  return parsed.success ? parsed.data.memberCacheHours : DEFAULT_DEVICE_POLICY.memberCacheHours;
}

function unexpired(data: CacheData, now: number): Record<string, CachedMember> {
  const live: Record<string, CachedMember> = {};
  for (const [id, cached] of Object.entries(data.members)) if (Date.parse(cached.expiresAt) > now) live[id] = cached;
  return live;
}

/** The cached members that have not expired; expired ones are removed from storage on the way. */
export async function liveCache(db: TenpoDatabase, now = Date.now()): Promise<Record<string, CachedMember>> {
  const doc = await db.getLocal<CacheData>(CACHE_KEY);
  if (!doc) return {};
  const stored = parseCache(doc.toJSON().data);
  const live = unexpired(stored, now);
  if (Object.keys(live).length < Object.keys(stored.members).length) await db.upsertLocal<CacheData>(CACHE_KEY, { members: live });
  return live;
}

/**
 * Whether the member is cached and unexpired: a write for them (an earn at the
 * counter) may be queued offline, since the server knows them.
 */
export async function isCachedMember(db: TenpoDatabase, memberId: string, now = Date.now()): Promise<boolean> {
  return memberId in (await liveCache(db, now));
}

/** Keeps an online answer for memberCacheHours: each member with their account and entries. */
export async function rememberLookup(db: TenpoDatabase, answer: MemberLookupResponse, now = Date.now()): Promise<void> {
  if (answer.members.length === 0) return;
  const expiresAt = new Date(now + (await cacheHours(db)) * HOUR_MS).toISOString();
  const members = await liveCache(db, now);
  for (const member of answer.members) {
    const account = answer.accounts.find((a) => a.memberId === member.id) ?? null;
    members[member.id] = { member, account, entries: answer.entries.filter((e) => e.memberId === member.id), expiresAt };
  }
  // Over the bound, the soonest to expire go first.
  const kept = Object.values(members)
    .sort((a, b) => b.expiresAt.localeCompare(a.expiresAt))
    .slice(0, MAX_CACHED);
  await db.upsertLocal<CacheData>(CACHE_KEY, { members: Object.fromEntries(kept.map((c) => [c.member.id, c])) });
}

/** The same rule as the local search (members.ts queryMembers), over a handful of cached members. */
function matches(member: Member, query: MemberQuery): boolean {
  switch (query.by) {
    case 'memberNo':
      return member.memberNo === query.memberNo;
    case 'phone':
      return member.phone !== '' && member.phone === query.phone;
    case 'email':
      return member.email !== '' && member.email.toLowerCase() === query.email.toLowerCase();
    case 'kana':
      return member.kanaKey.startsWith(query.kanaKey);
    case 'paperCard':
      return member.paperCards.includes(query.cardNo);
    case 'none':
      return false;
  }
}

/** Follows 名寄せ to the survivor among the cached members (the server sends survivors along). */
function survivorOf(found: Member, cached: Record<string, CachedMember>): MemberMatch {
  const seen = new Set([found.id]);
  let current = found;
  while (current.mergedInto !== '') {
    const next = cached[current.mergedInto]?.member;
    if (!next || seen.has(next.id)) break;
    seen.add(next.id);
    current = next;
  }
  return current.id === found.id ? { member: found } : { member: current, mergedFrom: found };
}

/** What a counter query finds among the unexpired cached members. */
export async function queryCache(db: TenpoDatabase, query: MemberQuery, now = Date.now()): Promise<MemberMatch[]> {
  const cached = await liveCache(db, now);
  const found = Object.values(cached)
    .map((c) => c.member)
    .filter((member) => matches(member, query))
    .sort((a, b) => a.memberNo.localeCompare(b.memberNo));
  const result: MemberMatch[] = [];
  const seen = new Set<string>();
  for (const member of found) {
    const match = survivorOf(member, cached);
    if (seen.has(match.member.id)) continue;
    seen.add(match.member.id);
    result.push(match);
  }
  return result.slice(0, MAX_RESULTS);
}

/**
 * A cached member by id, live as the cache changes; null when not cached or
 * expired at the time of the change. The counter falls back to it when the
 * member is not (yet) in the replicated collections.
 */
export function observeCachedMember(memberId: string, now: () => number = Date.now): Observable<CachedMember | null> {
  return from(getDatabase()).pipe(
    switchMap((db) => db.getLocal$<CacheData>(CACHE_KEY)),
    map((doc) => {
      const cached = doc ? parseCache(doc.toJSON().data).members[memberId] : undefined;
      return cached && Date.parse(cached.expiresAt) > now() ? cached : null;
    }),
  );
}
