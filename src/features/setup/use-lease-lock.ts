import { useNow } from '../../app/use-now.ts';
import { useLeaseInputs } from '../../db/index.ts';
import { leaseState } from '../../domain/device-lease.ts';

export type LeaseLock =
  | { state: 'checking' }
  | { state: 'open' }
  | { state: 'locked'; lastContactMs: number | null; leaseHours: number };

/**
 * Whether the offline lease has run out (src/domain/device-lease.ts). Moves
 * with the minute tick of useNow, so a tablet left offline locks by itself;
 * unlocks as soon as a sync records a new server contact.
 */
export function useLeaseLock(): LeaseLock {
  const inputs = useLeaseInputs();
  const now = Date.parse(useNow());
  if (!inputs) return { state: 'checking' };
  const lease = leaseState(inputs.lastContactMs, now, inputs.leaseHours);
  return lease.kind === 'expired' ? { state: 'locked', ...inputs } : { state: 'open' };
}
