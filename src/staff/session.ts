import { useSyncExternalStore } from 'react';
import type { StaffRole } from '../protocol/index.ts';

/**
 * Who is signed in on this tablet right now (issue 6). Kept in memory only:
 * a reload, a crash or the idle lock signs the staff member out, and the PIN
 * is asked again. Every audit event and guarded action reads it from here.
 */
export interface SignedInStaff {
  staffId: string;
  name: string;
  role: StaffRole;
  /** null: hq staff. */
  shopId: string | null;
}

let current: SignedInStaff | null = null;
const listeners = new Set<() => void>();

function emit(): void {
  for (const listener of listeners) listener();
}

export function signedInStaff(): SignedInStaff | null {
  return current;
}

export function setSignedInStaff(staff: SignedInStaff | null): void {
  current = staff;
  emit();
}

export function subscribeSignedInStaff(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSignedInStaff(): SignedInStaff | null {
  return useSyncExternalStore(subscribeSignedInStaff, signedInStaff, signedInStaff);
}
