import { useState } from 'react';
import { hqFailureOf, type HqFailure } from './hq-api.ts';

/** What was done last, for the confirmation line. */
export type HqEditNotice = { kind: 'saved' | 'removed'; name: string } | null;

export interface HqNamedEdits<Item, Request> {
  /** The id being saved or removed. */
  busy: string | null;
  notice: HqEditNotice;
  /** True when saved; on failure the screen's failure line says why. */
  save: (id: string, request: Request) => Promise<boolean>;
  remove: (item: Item) => void;
}

interface NamedEditCalls<Request> {
  put: (apiKey: string, id: string, request: Request) => Promise<{ name: string }>;
  remove: (apiKey: string, id: string) => Promise<unknown>;
}

/**
 * Save and remove for an HQ list of named things (campaigns, bonus rules):
 * one at a time per id, a confirmation naming it, the list read again after
 * each, and failures on the screen's own failure line (useHqLoad's).
 */
export function useHqNamedEdits<Item extends { id: string; name: string }, Request>(
  apiKey: string,
  calls: NamedEditCalls<Request>,
  reload: () => void,
  setFailure: (failure: HqFailure | null) => void,
): HqNamedEdits<Item, Request> {
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<HqEditNotice>(null);
  return {
    busy,
    notice,
    async save(id, request) {
      setBusy(id);
      setNotice(null);
      try {
        const saved = await calls.put(apiKey, id, request);
        setFailure(null);
        setNotice({ kind: 'saved', name: saved.name });
        reload();
        return true;
      } catch (error) {
        setFailure(hqFailureOf(error));
        return false;
      } finally {
        setBusy(null);
      }
    },
    remove(item) {
      setBusy(item.id);
      setNotice(null);
      calls
        .remove(apiKey, item.id)
        .then(() => {
          setFailure(null);
          setNotice({ kind: 'removed', name: item.name });
          reload();
        })
        .catch((error: unknown) => setFailure(hqFailureOf(error)))
        .finally(() => setBusy(null));
    },
  };
}
