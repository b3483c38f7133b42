import { useMemo } from 'react';
import type { ProfileSources } from '../../domain/profile-timeline.ts';
import { observeProfileSources } from '../profile-sources.ts';
import { useObservable, valueOf } from './use-observable.ts';

/** What the tablet holds for the member's profile (and their merged records), live; undefined while loading. */
export function useProfileSources(memberId: string): ProfileSources | undefined {
  const source$ = useMemo(() => observeProfileSources(memberId), [memberId]);
  return valueOf(useObservable(source$));
}
