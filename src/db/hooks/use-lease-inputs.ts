import { useMemo } from 'react';
import { DEFAULT_DEVICE_POLICY } from '../../protocol/index.ts';
import { observeLastServerContact, observeLeaseHours } from '../device-lease.ts';
import { useObservable } from './use-observable.ts';

export interface LeaseInputs {
  /** Epoch ms; null before the first contact after enrolment. */
  lastContactMs: number | null;
  leaseHours: number;
}

/**
 * What the offline lease is computed from, live; undefined until both are
 * read. A read that fails counts as "no contact yet" (no lock): the shell
 * already shows a database that cannot be opened, and a local read error of
 * our own must not brick a counter that is otherwise working.
 */
export function useLeaseInputs(): LeaseInputs | undefined {
  const contact$ = useMemo(() => observeLastServerContact(), []);
  const hours$ = useMemo(() => observeLeaseHours(), []);
  const lastContact = useObservable(contact$);
  const hours = useObservable(hours$);
  if (lastContact.status === 'loading' || hours.status === 'loading') return undefined;
  return {
    lastContactMs: lastContact.status === 'ready' ? lastContact.value : null,
    leaseHours: hours.status === 'ready' ? hours.value : DEFAULT_DEVICE_POLICY.leaseHours,
  };
}
