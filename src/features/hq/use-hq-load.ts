import { useCallback, useEffect, useState } from 'react';
import { hqFailureOf, type HqFailure } from './hq-api.ts';

export interface HqLoad<T> {
  /** The last answer, kept while a reload is under way; null before the first one and after clear(). */
  data: T | null;
  failure: HqFailure | null;
  /** The screen's actions report into the same failure line as the load. */
  setFailure: (failure: HqFailure | null) => void;
  /** The current key and reload have not answered yet (never while there is no key). */
  loading: boolean;
  reload: () => void;
  /** Drops the answer shown, e.g. when the key is forgotten. */
  clear: () => void;
}

/**
 * One HQ screen's read: asks once per key and again on each reload().
 * `load` must be the same function on every render (declared at module level): it is a dependency of the request.
 */
export function useHqLoad<T>(apiKey: string, load: (apiKey: string) => Promise<T>): HqLoad<T> {
  const [data, setData] = useState<T | null>(null);
  const [failure, setFailure] = useState<HqFailure | null>(null);
  const [generation, setGeneration] = useState(0);
  // Which load answered last: loading is "the current one has not", with no setState in the effect body.
  const [answered, setAnswered] = useState('');

  useEffect(() => {
    if (apiKey === '') return;
    let live = true;
    const current = `${apiKey}:${generation}`;
    load(apiKey)
      .then((found) => {
        if (!live) return;
        // An updater, so an answer that is itself a function is stored, not called.
        setData(() => found);
        setFailure(null);
      })
      .catch((error: unknown) => {
        if (live) setFailure(hqFailureOf(error));
      })
      .finally(() => {
        if (live) setAnswered(current);
      });
    // A newer key or reload makes this answer stale: it must not land over the newer one.
    return () => {
      live = false;
    };
  }, [apiKey, generation, load]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const clear = useCallback(() => setData(null), []);
  return { data, failure, setFailure, loading: apiKey !== '' && answered !== `${apiKey}:${generation}`, reload, clear };
}
