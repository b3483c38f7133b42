import { useState } from 'react';
import type { PeriodClose } from '../../protocol/index.ts';
import { fetchClose, fetchCloseCsv, postClose, saveBlob } from './close-api.ts';
import { hqFailureOf, useHqApiKey, type HqFailure } from './hq-api.ts';

export interface Closes {
  apiKey: string;
  saveApiKey: (key: string) => void;
  forgetApiKey: () => void;
  close: PeriodClose | null;
  /** A month asked for that has no close yet: the screen offers to close it. */
  notClosed: string | null;
  busy: boolean;
  failure: HqFailure | null;
  show: (month: string) => void;
  run: (month: string) => void;
  download: (month: string) => void;
}

/** #/hq/closes' state and actions: one month at a time. */
export function useCloses(): Closes {
  const session = useHqApiKey();
  const { apiKey } = session;
  const [close, setClose] = useState<PeriodClose | null>(null);
  const [notClosed, setNotClosed] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<HqFailure | null>(null);

  const act = (month: string, work: () => Promise<PeriodClose | null>) => {
    setBusy(true);
    setFailure(null);
    work()
      .then((found) => {
        if (found) setClose(found);
      })
      .catch((error: unknown) => {
        const seen = hqFailureOf(error);
        // Not closed yet is an answer, not a failure: the screen offers the close.
        if (seen.kind === 'refused' && seen.code === 'not-found') {
          setClose(null);
          setNotClosed(month);
        } else setFailure(seen);
      })
      .finally(() => setBusy(false));
  };

  return {
    apiKey,
    saveApiKey: session.saveApiKey,
    forgetApiKey() {
      session.forgetApiKey();
      setClose(null);
    },
    close,
    notClosed,
    busy,
    failure,
    show(month) {
      setNotClosed(null);
      act(month, () => fetchClose(apiKey, month));
    },
    run(month) {
      setNotClosed(null);
      act(month, () => postClose(apiKey, month));
    },
    download(month) {
      act(month, async () => {
        saveBlob(await fetchCloseCsv(apiKey, month), `tenpo-close-${month}.csv`);
        return null;
      });
    },
  };
}
