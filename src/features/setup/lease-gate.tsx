import type { ReactNode } from 'react';
import { useHashRoute } from '../../app/use-hash-route.ts';
import { LeaseLockScreen } from './lease-lock-screen.tsx';
import { useLeaseLock } from './use-lease-lock.ts';

/**
 * Shows the lock screen instead of the tablet's screens once the offline
 * lease has run out. Settings stay reachable: they show what the tablet is
 * and hold nothing about members.
 */
export function LeaseGate({ children }: { children: ReactNode }) {
  const route = useHashRoute();
  const lock = useLeaseLock();
  if (route === 'settings') return children;
  // A few milliseconds while the local documents are read: show nothing rather than flash the counter.
  if (lock.state === 'checking') return null;
  if (lock.state === 'locked') return <LeaseLockScreen lastContactMs={lock.lastContactMs} leaseHours={lock.leaseHours} />;
  return children;
}
