import { useMemo } from 'react';
import { observeEnrolment, type Enrolment } from '../enrolment.ts';
import { useObservable, type ObservedState } from './use-observable.ts';

/**
 * The tablet's enrolment, live: `ready` with null means "show enrolment";
 * `error` means the local database could not be opened at all.
 */
export function useEnrolment(): ObservedState<Enrolment | null> {
  const source$ = useMemo(() => observeEnrolment(), []);
  return useObservable(source$);
}
