/**
 * Whether the browser promised to keep this origin's storage under pressure
 * (navigator.storage.persist). Unsent ledger entries live only in IndexedDB
 * until pushed; without the promise, a tablet short of space may evict them.
 * A tiny external store so the settings screen follows a later grant.
 */
export type PersistenceState = 'checking' | 'granted' | 'refused' | 'unsupported';

let state: PersistenceState = 'checking';
let checked = false;
/**
 * Check and request run one after the other: a persisted() answered before a
 * concurrent persist() was granted would otherwise overwrite "granted".
 */
let queue: Promise<void> = Promise.resolve();

function enqueue(step: () => Promise<void>): Promise<void> {
  queue = queue.then(step, step);
  return queue;
}
const listeners = new Set<() => void>();

function set(next: PersistenceState): void {
  if (next === state) return;
  state = next;
  for (const listener of listeners) listener();
}

function storageManager(): StorageManager | null {
  // Old Safari and non-secure origins have no StorageManager, or one without persist.
  if (typeof navigator === 'undefined' || !navigator.storage || typeof navigator.storage.persisted !== 'function') return null;
  return navigator.storage;
}

/** Reads the current answer once per page; later calls reuse it. */
export function checkPersistence(): Promise<void> {
  if (checked) return queue;
  checked = true;
  return enqueue(async () => {
    const storage = storageManager();
    if (!storage) return set('unsupported');
    try {
      set((await storage.persisted()) ? 'granted' : 'refused');
    } catch {
      set('unsupported');
    }
  });
}

/**
 * Asks for persistence; called once, right after enrolment (the moment the
 * tablet starts holding data worth keeping). Chromium answers from its own
 * heuristics without a prompt; Safari may ask the user. Never throws.
 */
export function requestPersistence(): Promise<void> {
  return enqueue(async () => {
    const storage = storageManager();
    if (!storage || typeof storage.persist !== 'function') return set('unsupported');
    try {
      set((await storage.persist()) ? 'granted' : 'refused');
    } catch {
      set('refused');
    }
  });
}

export function persistenceState(): PersistenceState {
  return state;
}

export function subscribePersistence(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
