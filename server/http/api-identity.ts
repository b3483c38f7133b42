import type { FastifyReply } from 'fastify';
import {
  candidateListSchema,
  candidatesQuerySchema,
  dismissalSchema,
  dismissRequestSchema,
  mergeIdParamsSchema,
  mergeListQuerySchema,
  mergeListSchema,
  mergeRequestSchema,
  memberHistoryQuerySchema,
  memberHistorySchema,
  memberNoParamsSchema,
  mergeSchema,
  TenpoError,
  undoMergeRequestSchema,
} from '../../src/protocol/index.ts';
import { findCandidates } from '../services/identity/candidates.ts';
import { memberHistory } from '../services/identity/history.ts';
import { dismissPair } from '../services/identity/dismiss.ts';
import { mergeMembers } from '../services/identity/merge.ts';
import { listMerges } from '../services/identity/merge-records.ts';
import { undoMerge } from '../services/identity/undo.ts';
import { verifyApproval } from '../services/staff/approval.ts';
import { sha256Hex } from '../services/tokens.ts';
import type { ApiDeps } from './api-deps.ts';
import { apiRoute, type ApiRouter } from './api-route.ts';
import { bearerToken } from './auth.ts';

/**
 * Who merged: the API key, as a prefix of its hash. Enough to tell keys apart
 * in the merge log; the key itself is never stored.
 */
function caller(reply: FastifyReply): string {
  return `key:${sha256Hex(bearerToken(reply.request)).slice(0, 12)}`;
}

const APPROVAL_403 = '`approval-required`: the staff id is not an active manager or hq staff member. `wrong-pin`: the PIN is wrong (counted).';
const APPROVAL_423 = '`staff-locked-out`: too many wrong PINs in a row for this staff member; details.lockedUntil says until when.';
const UNKNOWN_MEMBER = '`unknown-member`: no live member has that number. `unprocessable`: a field is invalid.';

/** /api/v1 for 名寄せ: the review queue, merges and their undo, "not the same person". */
export function registerIdentityRoutes(router: ApiRouter, deps: ApiDeps): void {
  apiRoute(
    router,
    {
      method: 'GET',
      path: '/api/v1/identity/candidates',
      operationId: 'listIdentityCandidates',
      summary: 'Candidate duplicate members in one band (default review), both records side by side with the reasons',
      description:
        'auto-link: the same identifier verified on both records or the same LINE user; review: the same kana and birthdate and ' +
        'some contact detail. Pairs dismissed as not the same person, merged members and provisional members are left out.',
      query: candidatesQuerySchema,
      responses: { 200: { description: 'The pairs, older member number first (the suggested survivor).', schema: candidateListSchema } },
      errors: { 400: 'An unknown band or a bad limit.' },
    },
    async ({ query }) => ({ candidates: await findCandidates(deps.sql, query) }),
  );

  apiRoute(
    router,
    {
      method: 'POST',
      path: '/api/v1/merges',
      operationId: 'mergeMembers',
      summary: "Merge a member into another: its points move lot by lot (same expiry) and its number resolves to the survivor",
      description:
        'Both records are kept. A retry with the same idempotency key and members answers 200 with the first merge. ' +
        'Needs `approval`: the staff id and PIN of an active manager or hq staff member, recorded in the audit log.',
      body: mergeRequestSchema,
      responses: {
        201: { description: 'Merged.', schema: mergeSchema },
        200: { description: 'A retry: the merge made the first time.', schema: mergeSchema },
      },
      errors: {
        400: 'The body is not JSON.',
        403: APPROVAL_403,
        423: APPROVAL_423,
        409:
          '`merge-same-member`, `member-already-merged` (either side is already merged into another member), or ' +
          '`idempotency-conflict` (the key was used for another merge). Nothing is written.',
        422: UNKNOWN_MEMBER,
      },
    },
    async ({ body, reply }) => {
      const { approval, ...request } = body;
      const approver = await verifyApproval(deps, approval, 'merge');
      const options = { ...(deps.clock ? { now: deps.clock() } : {}), approvedBy: approver.staff.staffId };
      const { merge, created } = await mergeMembers(deps, { ...request, by: caller(reply) }, options);
      void reply.code(created ? 201 : 200);
      return merge;
    },
  );

  apiRoute(
    router,
    {
      method: 'POST',
      path: '/api/v1/merges/:id/undo',
      operationId: 'undoMerge',
      summary: 'Split a merge back: each moved lot returns with its expiry; the pair is remembered as not the same person',
      description:
        'Points the survivor has spent since are not refused but reported as undoShortfall: what is left of each lot goes back. ' +
        'Undoing an undone merge answers it as it is.',
      params: mergeIdParamsSchema,
      body: undoMergeRequestSchema,
      responses: { 200: { description: 'The merge, undone.', schema: mergeSchema } },
      errors: {
        400: 'The id is not a merge id.',
        403: APPROVAL_403,
        404: 'No such merge.',
        422: 'No `approval` in the body.',
        423: APPROVAL_423,
        409: '`merge-undo-blocked`: the survivor has since been merged into another member; undo that merge first.',
      },
    },
    async ({ params, body, reply }) => {
      const approver = await verifyApproval(deps, body.approval, 'merge-undo');
      return undoMerge(deps, params.id, caller(reply), { ...(deps.clock ? { now: deps.clock() } : {}), approvedBy: approver.staff.staffId });
    },
  );

  apiRoute(
    router,
    {
      method: 'GET',
      path: '/api/v1/merges',
      operationId: 'listMerges',
      summary: 'Recent merges, newest first; with memberNo, those the member took part in on either side',
      query: mergeListQuerySchema,
      responses: { 200: { description: 'The merges with the lots they moved.', schema: mergeListSchema } },
      errors: { 400: 'A bad member number or limit.' },
    },
    async ({ query }) => ({ merges: await listMerges(deps.sql, query) }),
  );

  apiRoute(
    router,
    {
      method: 'GET',
      path: '/api/v1/members/:memberNo/history',
      operationId: 'getMemberHistory',
      summary: "A member's posted ledger entries, newest first, including those of members merged into it (名寄せ)",
      description: 'Entries stay on the record they were posted on; an old number answers with its survivor\'s history.',
      params: memberNoParamsSchema,
      query: memberHistoryQuerySchema,
      responses: { 200: { description: 'The history, with the numbers of every record it covers.', schema: memberHistorySchema } },
      errors: { 400: 'The member number is not 10 digits, or a bad limit.', 404: 'No live member has this number.' },
    },
    async ({ params, query }) => {
      const history = await memberHistory(deps.sql, params.memberNo, query.limit);
      if (!history) throw new TenpoError('not-found', `no member ${params.memberNo}`);
      return history;
    },
  );

  apiRoute(
    router,
    {
      method: 'POST',
      path: '/api/v1/identity/dismissals',
      operationId: 'dismissIdentityCandidate',
      summary: 'Not the same person: the pair is never proposed or auto-merged again',
      body: dismissRequestSchema,
      responses: { 200: { description: 'Remembered (saying it again changes nothing).', schema: dismissalSchema } },
      errors: { 400: 'The body is not JSON.', 422: UNKNOWN_MEMBER },
    },
    async ({ body, reply }) => dismissPair(deps, body, caller(reply)),
  );
}
