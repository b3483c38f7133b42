import { useMemo } from 'react';
import { combineLatest, map } from 'rxjs';
import type { Member } from '../../protocol/index.ts';
import { observeCachedMember } from '../member-cache.ts';
import { observeMember } from '../members.ts';
import { useObservable, valueOf } from './use-observable.ts';

/**
 * The member with this id, live. undefined while loading, null when not on
 * this tablet. A member looked up online and still cached counts as on this
 * tablet until replication brings the real record (member-cache.ts).
 */
export function useMember(memberId: string | null): Member | null | undefined {
  const source$ = useMemo(
    () =>
      memberId
        ? combineLatest([observeMember(memberId), observeCachedMember(memberId)]).pipe(map(([local, cached]) => local ?? cached?.member ?? null))
        : null,
    [memberId],
  );
  const state = useObservable(source$);
  return memberId ? valueOf(state) : null;
}
