import {
  candidateListSchema,
  dismissalSchema,
  mergeListSchema,
  mergeSchema,
  type IdentityCandidate,
  type MergeRecord,
  type PinApproval,
} from '../../protocol/index.ts';
import { callHqApi } from './hq-api.ts';

export async function fetchReviewCandidates(apiKey: string): Promise<IdentityCandidate[]> {
  return (await callHqApi(apiKey, 'GET', '/api/v1/identity/candidates?band=review', candidateListSchema)).candidates;
}

export async function fetchRecentMerges(apiKey: string): Promise<MergeRecord[]> {
  return (await callHqApi(apiKey, 'GET', '/api/v1/merges?limit=20', mergeListSchema)).merges;
}

/** A fresh key per click: a second click after a lost answer is refused (member-already-merged), never a second merge. */
export async function postMerge(apiKey: string, survivorNo: string, mergedNo: string, idempotencyKey: string, approval: PinApproval): Promise<MergeRecord> {
  return callHqApi(apiKey, 'POST', '/api/v1/merges', mergeSchema, { idempotencyKey, survivorNo, mergedNo, approval });
}

export async function postUndo(apiKey: string, mergeId: string, approval: PinApproval): Promise<MergeRecord> {
  return callHqApi(apiKey, 'POST', `/api/v1/merges/${encodeURIComponent(mergeId)}/undo`, mergeSchema, { approval });
}

export async function postDismissal(apiKey: string, memberNoA: string, memberNoB: string): Promise<void> {
  await callHqApi(apiKey, 'POST', '/api/v1/identity/dismissals', dismissalSchema, { memberNoA, memberNoB });
}
