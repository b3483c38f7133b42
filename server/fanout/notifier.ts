import type { CollectionName } from '../../src/protocol/index.ts';

export type ChangeListener = (collection: CollectionName) => void;

/**
 * "This collection has new rows": published after a write commits, heard by the
 * stream tailers. Notifications carry no data, only a nudge to read from the
 * database, so losing or merging some is harmless and the database stays the
 * only source of truth. In-process for one instance; a PostgreSQL LISTEN/NOTIFY
 * implementation of this interface lets several instances hear each other.
 */
export interface ChangeNotifier {
  publish(collections: readonly CollectionName[]): void;
  subscribe(listener: ChangeListener): () => void;
  close(): Promise<void>;
}

export function createInProcessNotifier(): ChangeNotifier {
  const listeners = new Set<ChangeListener>();
  return {
    publish(collections) {
      // Deliver after the caller's turn: a writer never runs stream code inside its request.
      queueMicrotask(() => {
        for (const collection of collections) for (const listener of listeners) listener(collection);
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      listeners.clear();
      return Promise.resolve();
    },
  };
}
