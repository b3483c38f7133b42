import { useCallback, useEffect, useState } from 'react';
import type { IdentityCandidate, MergeRecord, PinApproval } from '../../protocol/index.ts';
import { fetchRecentMerges, fetchReviewCandidates, postDismissal, postMerge, postUndo } from './merge-api.ts';
import { hqFailureOf, useHqApiKey, type HqFailure } from './hq-api.ts';

export type MergeFailure = HqFailure;

export type MergeNotice = { kind: 'merged'; merge: MergeRecord } | { kind: 'undone'; merge: MergeRecord } | { kind: 'dismissed' };

export interface MergeReview {
  apiKey: string;
  saveApiKey: (key: string) => void;
  forgetApiKey: () => void;
  loading: boolean;
  candidates: IdentityCandidate[];
  merges: MergeRecord[];
  /** A pair or merge being sent: its buttons are disabled so one click posts once. */
  busy: string | null;
  failure: MergeFailure | null;
  notice: MergeNotice | null;
  merge: (candidate: IdentityCandidate, survivorNo: string) => void;
  dismiss: (candidate: IdentityCandidate) => void;
  undo: (merge: MergeRecord) => void;
  reload: () => void;
  /** Issue 6: the manager (or hq) whose PIN approves merges and undos; held in memory only, never stored. */
  approval: PinApproval;
  setApproval: (approval: PinApproval) => void;
}

export function pairId(candidate: IdentityCandidate): string {
  return `${candidate.a.memberId}|${candidate.b.memberId}`;
}

/** The review queue's state and actions; the screen only renders it. */
export function useMergeReview(): MergeReview {
  const session = useHqApiKey();
  const { apiKey } = session;
  const [candidates, setCandidates] = useState<IdentityCandidate[]>([]);
  const [merges, setMerges] = useState<MergeRecord[]>([]);
  // Which load answered last: loading is "the current one has not", with no setState in the effect body.
  const [answered, setAnswered] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<MergeFailure | null>(null);
  const [notice, setNotice] = useState<MergeNotice | null>(null);
  const [generation, setGeneration] = useState(0);
  const [approval, setApproval] = useState<PinApproval>({ staffId: '', pin: '' });

  useEffect(() => {
    if (apiKey === '') return;
    let live = true;
    const load = `${apiKey}:${generation}`;
    Promise.all([fetchReviewCandidates(apiKey), fetchRecentMerges(apiKey)])
      .then(([found, recent]) => {
        if (!live) return;
        setCandidates(found);
        setMerges(recent);
        setFailure(null);
      })
      .catch((error: unknown) => {
        if (live) setFailure(hqFailureOf(error));
      })
      .finally(() => {
        if (live) setAnswered(load);
      });
    return () => {
      live = false;
    };
  }, [apiKey, generation]);

  const loading = apiKey !== '' && answered !== `${apiKey}:${generation}`;
  const reload = useCallback(() => setGeneration((n) => n + 1), []);

  const run = useCallback(
    (id: string, action: () => Promise<MergeNotice>) => {
      setBusy(id);
      setNotice(null);
      action()
        .then((done) => {
          setNotice(done);
          setFailure(null);
          reload();
        })
        .catch((error: unknown) => setFailure(hqFailureOf(error)))
        .finally(() => setBusy(null));
    },
    [reload],
  );

  return {
    apiKey,
    saveApiKey: session.saveApiKey,
    forgetApiKey() {
      session.forgetApiKey();
      setCandidates([]);
      setMerges([]);
    },
    loading,
    candidates,
    merges,
    busy,
    failure,
    notice,
    merge(candidate, survivorNo) {
      const mergedNo = survivorNo === candidate.a.memberNo ? candidate.b.memberNo : candidate.a.memberNo;
      const key = `hq-${crypto.randomUUID()}`;
      run(pairId(candidate), async () => ({ kind: 'merged', merge: await postMerge(apiKey, survivorNo, mergedNo, key, approval) }));
    },
    dismiss(candidate) {
      run(pairId(candidate), async () => {
        await postDismissal(apiKey, candidate.a.memberNo, candidate.b.memberNo);
        return { kind: 'dismissed' };
      });
    },
    undo(merge) {
      run(merge.id, async () => ({ kind: 'undone', merge: await postUndo(apiKey, merge.id, approval) }));
    },
    reload,
    approval,
    setApproval,
  };
}
