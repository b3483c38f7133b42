/**
 * How many screens deep the clerk is inside the app, kept in each history
 * entry's state. Installed as a home-screen app there is no browser back
 * button, and before the app's first screen there is nothing of ours: the
 * in-app back control must only show when going back stays inside the app.
 * The depth lives in history.state (not in memory) so that a reload, or the
 * OS back gesture landing on an older entry, reads the right value.
 */
const DEPTH_KEY = 'tenpoDepth';

type Listener = (depth: number) => void;
const listeners = new Set<Listener>();
let depth = 0;
let installed = false;

function depthIn(state: unknown): number | null {
  if (typeof state !== 'object' || state === null) return null;
  const value = (state as Record<string, unknown>)[DEPTH_KEY];
  return typeof value === 'number' ? value : null;
}

function stamp(next: number): void {
  const state: unknown = window.history.state;
  const base = typeof state === 'object' && state !== null ? state : {};
  window.history.replaceState({ ...base, [DEPTH_KEY]: next }, '');
  depth = next;
}

/**
 * A hash link adds an entry with no state: one level deeper. Back and forward
 * land on entries we stamped earlier: their depth is already there.
 */
function onHashChange(): void {
  const known = depthIn(window.history.state);
  if (known === null) stamp(depth + 1);
  else depth = known;
  for (const listener of listeners) listener(depth);
}

function install(): void {
  if (installed) return;
  installed = true;
  const known = depthIn(window.history.state);
  if (known === null) stamp(0);
  else depth = known;
  window.addEventListener('hashchange', onHashChange);
}

export function currentDepth(): number {
  install();
  return depth;
}

export function subscribeDepth(listener: Listener): () => void {
  install();
  listeners.add(listener);
  return () => listeners.delete(listener);
}
