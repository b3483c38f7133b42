import { describe, expect, it } from 'vitest';
import { isLeaseExpired, leaseState } from '../../src/domain/device-lease.ts';
import { DEFAULT_DEVICE_LEASE_HOURS } from '../../src/protocol/policy.ts';

const HOUR = 60 * 60 * 1000;
const contact = Date.parse('2026-11-20T09:00:00+09:00');

describe('device lease', () => {
  it('defaults to 72 hours', () => {
    expect(DEFAULT_DEVICE_LEASE_HOURS).toBe(72);
    expect(leaseState(contact, contact + HOUR)).toEqual({ kind: 'valid', expiresAt: contact + 72 * HOUR });
  });

  it('holds up to the lease and locks just after it', () => {
    expect(isLeaseExpired(contact, contact + 72 * HOUR)).toBe(false);
    expect(isLeaseExpired(contact, contact + 72 * HOUR + 1)).toBe(true);
    expect(leaseState(contact, contact + 100 * HOUR)).toEqual({ kind: 'expired', since: contact + 72 * HOUR });
  });

  it('uses a configured lease', () => {
    expect(isLeaseExpired(contact, contact + 25 * HOUR, 24)).toBe(true);
    expect(isLeaseExpired(contact, contact + 23 * HOUR, 24)).toBe(false);
  });

  it('falls back to the default for a nonsensical lease', () => {
    expect(isLeaseExpired(contact, contact + 48 * HOUR, 0)).toBe(false);
    expect(isLeaseExpired(contact, contact + 48 * HOUR, Number.NaN)).toBe(false);
    expect(isLeaseExpired(contact, contact + 73 * HOUR, -5)).toBe(true);
  });

  it('does not lock a tablet that never synced, nor one whose clock went backwards', () => {
    expect(leaseState(null, contact)).toEqual({ kind: 'never-contacted' });
    expect(isLeaseExpired(contact, contact - 500 * HOUR)).toBe(false);
  });
});
