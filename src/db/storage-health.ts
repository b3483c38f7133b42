import type { RxStorage, RxStorageInstance, RxStorageInstanceCreationParams } from 'rxdb';

/**
 * The IndexedDB server process dying under the page (iPad Safari: "Connection
 * to Indexed Database server lost", UnknownError; a transaction torn down with
 * AbortError; Dexie's DatabaseClosedError once its connection is gone for
 * good). Dexie already reopens by itself when it can (a connection closed by
 * the browser, InvalidStateError on a new transaction); what reaches us here is
 * what it could not heal.
 */
const LOST_NAMES = new Set(['UnknownError', 'AbortError', 'DatabaseClosedError', 'InvalidStateError']);
const LOST_MESSAGE = /Indexed ?D(B|atabase) server lost|connection is closing|Database has been closed/i;
/** A full disk aborts transactions too; reloading would not help, and the write screen says so. */
const NOT_LOST_NAMES = new Set(['QuotaExceededError', 'ConstraintError']);

/** Dexie keeps the IndexedDB error as `inner`; others use `cause`. */
function chainOf(error: unknown): Record<string, unknown>[] {
  const chain: Record<string, unknown>[] = [];
  let current = error;
  while (typeof current === 'object' && current !== null && chain.length < 5) {
    const link = current as Record<string, unknown>;
    chain.push(link);
    current = link.inner ?? link.cause;
  }
  return chain;
}

export function isStorageLost(error: unknown): boolean {
  const chain = chainOf(error);
  if (chain.some((link) => NOT_LOST_NAMES.has(String(link.name)))) return false;
  return chain.some((link) => LOST_NAMES.has(String(link.name)) || LOST_MESSAGE.test(String(link.message)));
}

/**
 * Wraps a storage so every storage call that fails because the connection is
 * gone reports it (and still fails: the caller shows its own error). One
 * place, below RxDB, sees every read and write: the counter's, the hooks' and
 * replication's.
 */
export function watchStorage<I, O>(storage: RxStorage<I, O>, onLost: (error: unknown) => void): RxStorage<I, O> {
  return {
    name: storage.name,
    rxdbVersion: storage.rxdbVersion,
    async createStorageInstance<D>(params: RxStorageInstanceCreationParams<D, O>): Promise<RxStorageInstance<D, I, O>> {
      return watchInstance(await storage.createStorageInstance(params), onLost);
    },
  };
}

function watchInstance<T extends object>(instance: T, onLost: (error: unknown) => void): T {
  return new Proxy(instance, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        const result: unknown = Reflect.apply(value, target, args);
        if (!(result instanceof Promise)) return result;
        return result.catch((error: unknown) => {
          if (isStorageLost(error)) onLost(error);
          throw error;
        });
      };
    },
  });
}
