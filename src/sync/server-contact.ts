import { saveServerContact } from '../db/index.ts';

/** The lease is counted in hours: a contact time a minute stale changes nothing, a write per pull would. */
const SAVE_INTERVAL_MS = 60_000;

/**
 * Records that the server answered (a pull, a push, the stream opening): the
 * offline lease restarts from here, and a lease-locked tablet unlocks. Saved
 * at most once a minute, except the first contact of the page, so an expired
 * lease lifts on the first answer after reconnecting.
 */
export function createContactRecorder(save: (at: Date) => Promise<void> = saveServerContact): () => void {
  let lastSaved = Number.NEGATIVE_INFINITY;
  return () => {
    const now = Date.now();
    // A clock moved backwards (a clerk, or a tablet that lost its time) also saves.
    if (now - lastSaved < SAVE_INTERVAL_MS && now >= lastSaved) return;
    lastSaved = now;
    save(new Date(now)).catch((error: unknown) => console.warn('could not record the server contact', error));
  };
}
