import type { z } from 'zod';
import {
  candidateListSchema,
  dismissalSchema,
  errorBodySchema,
  mergeListSchema,
  mergeSchema,
  TenpoError,
  type IdentityCandidate,
  type MergeRecord,
  type PinApproval,
} from '../../protocol/index.ts';

/** The network could not be used (offline, server down): the screen says "try again". */
export class MergeNetworkError extends Error {
  override name = 'MergeNetworkError';
}

/**
 * The HQ review screen's calls to /api/v1 (名寄せ). Every answer is checked
 * against the protocol schema; an error body becomes the TenpoError it names.
 */
async function call<S extends z.ZodType>(apiKey: string, method: 'GET' | 'POST', path: string, schema: S, body?: unknown): Promise<z.output<S>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      cache: 'no-store',
      headers: { authorization: `Bearer ${apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new MergeNetworkError(String(error));
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = errorBodySchema.safeParse(json);
    if (parsed.success) throw new TenpoError(parsed.data.error, parsed.data.message, response.status, parsed.data.details);
    throw new MergeNetworkError(`HTTP ${response.status}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new MergeNetworkError('unexpected answer from the server');
  return parsed.data;
}

export async function fetchReviewCandidates(apiKey: string): Promise<IdentityCandidate[]> {
  return (await call(apiKey, 'GET', '/api/v1/identity/candidates?band=review', candidateListSchema)).candidates;
}

export async function fetchRecentMerges(apiKey: string): Promise<MergeRecord[]> {
  return (await call(apiKey, 'GET', '/api/v1/merges?limit=20', mergeListSchema)).merges;
}

/** A fresh key per click: a second click after a lost answer is refused (member-already-merged), never a second merge. */
export async function postMerge(apiKey: string, survivorNo: string, mergedNo: string, idempotencyKey: string, approval: PinApproval): Promise<MergeRecord> {
  return call(apiKey, 'POST', '/api/v1/merges', mergeSchema, { idempotencyKey, survivorNo, mergedNo, approval });
}

export async function postUndo(apiKey: string, mergeId: string, approval: PinApproval): Promise<MergeRecord> {
  return call(apiKey, 'POST', `/api/v1/merges/${encodeURIComponent(mergeId)}/undo`, mergeSchema, { approval });
}

export async function postDismissal(apiKey: string, memberNoA: string, memberNoB: string): Promise<void> {
  await call(apiKey, 'POST', '/api/v1/identity/dismissals', dismissalSchema, { memberNoA, memberNoB });
}
