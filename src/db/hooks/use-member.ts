import { useMemo } from 'react';
import type { Member } from '../../protocol/index.ts';
import { observeMemberByNo } from '../members.ts';
import { useObservable, valueOf } from './use-observable.ts';

/** The member with this number, live. undefined while loading, null when not on this tablet. */
export function useMember(memberNo: string | null): Member | null | undefined {
  const source$ = useMemo(() => (memberNo ? observeMemberByNo(memberNo) : null), [memberNo]);
  const state = useObservable(source$);
  return memberNo ? valueOf(state) : null;
}
