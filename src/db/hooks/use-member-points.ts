import { useMemo } from 'react';
import type { PointEntry } from '../../protocol/index.ts';
import { observeMemberPoints, observeMergedEntries, type MemberPoints } from '../points.ts';
import { useObservable, valueOf } from './use-observable.ts';

/**
 * The member's account (the server's projection) and every entry of theirs on
 * this tablet, live: entries as they are written, pushed and posted, and the
 * account as it arrives. undefined while loading.
 */
export function useMemberPoints(memberId: string | null): MemberPoints | undefined {
  const source$ = useMemo(() => (memberId ? observeMemberPoints(memberId) : null), [memberId]);
  return valueOf(useObservable(source$));
}

/** Entries of the records merged into this member, live (display only); [] while loading or when none. */
export function useMergedEntries(memberId: string | null): readonly PointEntry[] {
  const source$ = useMemo(() => (memberId ? observeMergedEntries(memberId) : null), [memberId]);
  return valueOf(useObservable(source$)) ?? NO_ENTRIES;
}

const NO_ENTRIES: readonly PointEntry[] = [];
