import { create } from 'zustand';
import { isTransient, type SyncFailure } from './sync-failure.ts';
import type { StreamState } from './event-stream.ts';

/**
 * The one sync status store. This module is the only one that imports zustand
 * for it; sync code reports through the functions below, screens read through
 * useSyncStatus().
 */

export type SyncPhase =
  | { state: 'offline' }
  | { state: 'connecting' }
  | { state: 'syncing' }
  | { state: 'synced' }
  | { state: 'error'; reason: SyncFailure };

export type SyncStatus = SyncPhase & {
  /** This device's ledger entries the server has not acknowledged yet. */
  pendingCount: number;
  /** When the oldest of them was written (ISO); null when none. Shown as an age: they are the only copy until sent. */
  oldestPendingAt: string | null;
  /** ISO time of the last successful pull or stream batch; null if never. */
  lastSyncedAt: string | null;
};

/** What the status is derived from. Keys of `failures`: a collection name or 'stream'. */
interface SyncInputs {
  online: boolean;
  stream: StreamState;
  active: Readonly<Record<string, boolean>>;
  failures: Readonly<Record<string, SyncFailure>>;
  pendingCount: number;
  oldestPendingAt: string | null;
  lastSyncedAt: string | null;
}

const LAST_SYNCED_KEY = 'tenpo.lastSyncedAt';

function readLastSynced(): string | null {
  try {
    return localStorage.getItem(LAST_SYNCED_KEY);
  } catch {
    return null;
  }
}

function isOnline(): boolean {
  return typeof navigator === 'undefined' ? true : navigator.onLine;
}

/**
 * Order matters: no network says it all; a failure a person must act on beats
 * "trying"; a transient failure or a stream not (yet) open means we are still
 * connecting; otherwise any replication at work means syncing.
 */
export function deriveSyncPhase(inputs: SyncInputs): SyncPhase {
  if (!inputs.online) return { state: 'offline' };
  const failures = Object.values(inputs.failures);
  const hard = failures.find((failure) => !isTransient(failure));
  if (hard) return { state: 'error', reason: hard };
  if (failures.length > 0 || inputs.stream !== 'open') return { state: 'connecting' };
  if (Object.values(inputs.active).some(Boolean)) return { state: 'syncing' };
  return { state: 'synced' };
}

interface SyncStore extends SyncInputs {
  status: SyncStatus;
}

function withStatus(inputs: SyncInputs): SyncStore {
  return {
    ...inputs,
    status: {
      ...deriveSyncPhase(inputs),
      pendingCount: inputs.pendingCount,
      oldestPendingAt: inputs.oldestPendingAt,
      lastSyncedAt: inputs.lastSyncedAt,
    },
  };
}

export const useSyncStore = create<SyncStore>(() =>
  withStatus({
    online: isOnline(),
    stream: 'connecting',
    active: {},
    failures: {},
    pendingCount: 0,
    oldestPendingAt: null,
    lastSyncedAt: readLastSynced(),
  }),
);

function update(change: (inputs: SyncInputs) => Partial<SyncInputs>): void {
  useSyncStore.setState((store) => {
    const next = withStatus({ ...store, ...change(store) });
    // Keep the same status object when nothing visible changed, so subscribers do not re-render.
    return sameStatus(next.status, store.status) ? { ...next, status: store.status } : next;
  });
}

function sameStatus(a: SyncStatus, b: SyncStatus): boolean {
  return (
    a.state === b.state &&
    (a.state !== 'error' || b.state !== 'error' || a.reason === b.reason) &&
    a.pendingCount === b.pendingCount &&
    a.oldestPendingAt === b.oldestPendingAt &&
    a.lastSyncedAt === b.lastSyncedAt
  );
}

export function reportOnline(online: boolean): void {
  update(() => ({ online }));
}

export function reportStream(stream: StreamState, failure?: SyncFailure): void {
  update(({ failures }) => ({ stream, failures: withFailure(failures, 'stream', stream === 'open' ? undefined : failure) }));
}

export function reportActive(source: string, active: boolean): void {
  update((inputs) => ({ active: { ...inputs.active, [source]: active } }));
}

export function reportFailure(source: string, failure: SyncFailure | undefined): void {
  update(({ failures }) => ({ failures: withFailure(failures, source, failure) }));
}

/** This device's unsent ledger entries: how many, and when the oldest was written. */
export function reportPending(pending: { count: number; oldestAt: string | null }): void {
  update(() => ({ pendingCount: pending.count, oldestPendingAt: pending.oldestAt }));
}

/** A pull or a stream batch landed: the data on screen is fresh as of now. */
export function reportSynced(at: Date = new Date()): void {
  const lastSyncedAt = at.toISOString();
  try {
    localStorage.setItem(LAST_SYNCED_KEY, lastSyncedAt);
  } catch {
    // Private mode / full storage: the time is only shown, losing it is harmless.
  }
  update(() => ({ lastSyncedAt }));
}

/** Back to a fresh tablet's state (after unenrolling). */
export function resetSyncStatus(): void {
  try {
    localStorage.removeItem(LAST_SYNCED_KEY);
  } catch {
    // see reportSynced
  }
  update(() => ({ stream: 'connecting', active: {}, failures: {}, pendingCount: 0, oldestPendingAt: null, lastSyncedAt: null }));
}

function withFailure(
  failures: Readonly<Record<string, SyncFailure>>,
  source: string,
  failure: SyncFailure | undefined,
): Record<string, SyncFailure> {
  const next = { ...failures };
  if (failure === undefined) delete next[source];
  else next[source] = failure;
  return next;
}
