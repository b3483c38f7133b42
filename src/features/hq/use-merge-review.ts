import { useCallback, useState } from 'react';
import type { IdentityCandidate, MergeRecord, PinApproval } from '../../protocol/index.ts';
import { fetchRecentMerges, fetchReviewCandidates, postDismissal, postMerge, postUndo } from './merge-api.ts';
import { hqFailureOf, useHqApiKey, type HqFailure } from './hq-api.ts';
import { useHqLoad } from './use-hq-load.ts';

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

const NO_CANDIDATES: IdentityCandidate[] = [];
const NO_MERGES: MergeRecord[] = [];

async function loadReviewLists(apiKey: string): Promise<{ candidates: IdentityCandidate[]; merges: MergeRecord[] }> {
  const [candidates, merges] = await Promise.all([fetchReviewCandidates(apiKey), fetchRecentMerges(apiKey)]);
  return { candidates, merges };
}

/** The review queue's state and actions; the screen only renders it. */
export function useMergeReview(): MergeReview {
  const session = useHqApiKey();
  const { apiKey } = session;
  const { data, failure, setFailure, loading, reload, clear } = useHqLoad(apiKey, loadReviewLists);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<MergeNotice | null>(null);
  const [approval, setApproval] = useState<PinApproval>({ staffId: '', pin: '' });

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
    [reload, setFailure],
  );

  return {
    apiKey,
    saveApiKey: session.saveApiKey,
    forgetApiKey() {
      session.forgetApiKey();
      clear();
    },
    loading,
    candidates: data?.candidates ?? NO_CANDIDATES,
    merges: data?.merges ?? NO_MERGES,
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
