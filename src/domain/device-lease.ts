import { DEFAULT_DEVICE_LEASE_HOURS } from '../protocol/policy.ts';

const HOUR_MS = 60 * 60 * 1000;

export type LeaseState = { kind: 'valid'; expiresAt: number } | { kind: 'expired'; since: number } | { kind: 'never-contacted' };

/**
 * The offline lease: a lost tablet must not keep taking points for ever, so
 * one that has not reached the server for longer than the lease locks until
 * a sync succeeds. The clock can be moved backwards by a clerk; a last
 * contact "in the future" is treated as now, which keeps the lease running
 * rather than locking a working tablet.
 */
export function leaseState(lastContactMs: number | null, nowMs: number, leaseHours = DEFAULT_DEVICE_LEASE_HOURS): LeaseState {
  // A tablet that never synced has nothing to protect yet; enrolment itself is a contact.
  if (lastContactMs === null || !Number.isFinite(lastContactMs)) return { kind: 'never-contacted' };
  const hours = Number.isFinite(leaseHours) && leaseHours > 0 ? leaseHours : DEFAULT_DEVICE_LEASE_HOURS;
  const expiresAt = Math.min(lastContactMs, nowMs) + hours * HOUR_MS;
  return nowMs > expiresAt ? { kind: 'expired', since: expiresAt } : { kind: 'valid', expiresAt };
}

export function isLeaseExpired(lastContactMs: number | null, nowMs: number, leaseHours?: number): boolean {
  return leaseState(lastContactMs, nowMs, leaseHours).kind === 'expired';
}
