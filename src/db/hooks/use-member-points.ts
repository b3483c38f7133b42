import { useMemo } from 'react';
import { combineLatest, map, type Observable } from 'rxjs';
import type { PointEntry } from '../../protocol/index.ts';
import { observeCachedMember, type CachedMember } from '../member-cache.ts';
import { observeMemberPoints, observeMergedEntries, type MemberPoints } from '../points.ts';
import { useObservable, valueOf } from './use-observable.ts';

/**
 * Until the member's account has replicated here, a member looked up online
 * shows the account and history the lookup brought, with whatever this tablet
 * wrote for them since (its own entries win: they may be pending or posted).
 */
function withCache(local: MemberPoints, cached: CachedMember | null): MemberPoints {
  if (local.account || !cached) return local;
  const own = new Set(local.entries.map((e) => e.id));
  return { account: cached.account, entries: [...local.entries, ...cached.entries.filter((e) => !own.has(e.id))] };
}

function observePointsOrCached(memberId: string): Observable<MemberPoints> {
  return combineLatest([observeMemberPoints(memberId), observeCachedMember(memberId)]).pipe(map(([local, cached]) => withCache(local, cached)));
}

/**
 * The member's account (the server's projection) and every entry of theirs on
 * this tablet, live: entries as they are written, pushed and posted, and the
 * account as it arrives. undefined while loading.
 */
export function useMemberPoints(memberId: string | null): MemberPoints | undefined {
  const source$ = useMemo(() => (memberId ? observePointsOrCached(memberId) : null), [memberId]);
  return valueOf(useObservable(source$));
}

/** Entries of the records merged into this member, live (display only); [] while loading or when none. */
export function useMergedEntries(memberId: string | null): readonly PointEntry[] {
  const source$ = useMemo(() => (memberId ? observeMergedEntries(memberId) : null), [memberId]);
  return valueOf(useObservable(source$)) ?? NO_ENTRIES;
}

const NO_ENTRIES: readonly PointEntry[] = [];
