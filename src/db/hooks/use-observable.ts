import { useEffect, useState } from 'react';
import type { Observable } from 'rxjs';

export type ObservedState<T> =
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'error'; error: unknown };

const LOADING = { status: 'loading' } as const;

/**
 * Subscribes to an observable for as long as the component is mounted. Pass a
 * memoised observable (useMemo): a new one means a new subscription. The state
 * remembers which source produced it, so after the source changes (another
 * member) the old value is never shown as the new one's.
 */
export function useObservable<T>(source$: Observable<T> | null): ObservedState<T> {
  const [state, setState] = useState<{ source: Observable<T> | null; observed: ObservedState<T> }>({
    source: null,
    observed: LOADING,
  });
  useEffect(() => {
    if (!source$) return undefined;
    const subscription = source$.subscribe({
      next: (value) => setState({ source: source$, observed: { status: 'ready', value } }),
      error: (error: unknown) => {
        console.error(error);
        setState({ source: source$, observed: { status: 'error', error } });
      },
    });
    return () => subscription.unsubscribe();
  }, [source$]);
  return state.source === source$ ? state.observed : LOADING;
}

/** The value once the first emission arrived; undefined while loading or failed. */
export function valueOf<T>(state: ObservedState<T>): T | undefined {
  return state.status === 'ready' ? state.value : undefined;
}
