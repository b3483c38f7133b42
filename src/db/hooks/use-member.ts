import { useMemo } from 'react';
import type { Member } from '../../protocol/index.ts';
import { observeMember } from '../members.ts';
import { useObservable, valueOf } from './use-observable.ts';

/** The member with this id, live. undefined while loading, null when not on this tablet. */
export function useMember(memberId: string | null): Member | null | undefined {
  const source$ = useMemo(() => (memberId ? observeMember(memberId) : null), [memberId]);
  const state = useObservable(source$);
  return memberId ? valueOf(state) : null;
}
