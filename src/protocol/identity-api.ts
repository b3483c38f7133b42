import { z } from 'zod';
import { idempotencyKeySchema, memberNoSchema, memberPointsSchema } from './api.ts';
import { memberSchema } from './documents.ts';
import { pinApprovalSchema } from './staff.ts';

/**
 * /api/v1 for 名寄せ (identity resolution): the review queue of candidate
 * duplicates, merges with their undo, and "not the same person". Schemas
 * only; the server validates with them and the OpenAPI document is made from
 * them, and the HQ screen reads its answers with them.
 */

const isoTime = z.iso.datetime({ offset: true });
const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const MATCH_BANDS = ['auto-link', 'review'] as const;

/** One side of a candidate pair: what HQ needs to tell two records apart. */
export const candidateMemberSchema = z
  .object({
    memberId: z.string(),
    memberNo: memberNoSchema,
    name: z.string(),
    nameKana: z.string(),
    phone: z.string(),
    phoneVerified: z.boolean(),
    email: z.string(),
    emailVerified: z.boolean(),
    /** Server-only, shown to HQ for the review; null when unknown. */
    birthdate: calendarDate.nullable(),
    homeShopId: z.string(),
    balance: z.int(),
    registeredAt: isoTime,
  })
  .meta({ id: 'CandidateMember' });
export type CandidateMember = z.infer<typeof candidateMemberSchema>;

export const candidateSchema = z
  .object({
    band: z.enum(MATCH_BANDS),
    /** matchBand's stable reasons (`same-kana`, `same-phone-last4`, …). */
    reasons: z.array(z.string()),
    /** The older member number first: the suggested survivor. */
    a: candidateMemberSchema,
    b: candidateMemberSchema,
  })
  .meta({ id: 'IdentityCandidate' });
export type IdentityCandidate = z.infer<typeof candidateSchema>;

export const candidatesQuerySchema = z.object({
  band: z.enum(MATCH_BANDS).default('review'),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type CandidatesQuery = z.infer<typeof candidatesQuerySchema>;

export const candidateListSchema = z.object({ candidates: z.array(candidateSchema) }).meta({ id: 'IdentityCandidateList' });
export type CandidateList = z.infer<typeof candidateListSchema>;

export const mergeRequestSchema = z
  .object({
    /** Made by the caller before the first attempt: a retry answers 200 with the same merge. */
    idempotencyKey: idempotencyKeySchema,
    /** The member that stays: the other's points move to it and its number resolves to it. */
    survivorNo: memberNoSchema,
    mergedNo: memberNoSchema,
    /** Issue 6: a manager's (or hq's) PIN; the server checks it and records who approved. */
    approval: pinApprovalSchema,
  })
  .meta({ id: 'MergeRequest' });
export type MergeRequest = z.infer<typeof mergeRequestSchema>;

/** One lot a merge moved, with the transfer entries both ways. */
export const mergedLotSchema = z.object({
  sourceLotId: z.string(),
  points: z.int().positive(),
  /** Carried over unchanged; null for points that never expire. */
  expiresOn: calendarDate.nullable(),
  outEntryId: z.string(),
  inEntryId: z.string(),
  /** After an undo: the points that went back (less when the survivor had spent some). */
  backPoints: z.int().min(0).nullable(),
});

export const mergeSchema = z
  .object({
    id: z.string(),
    survivorId: z.string(),
    survivorNo: memberNoSchema,
    mergedId: z.string(),
    mergedNo: memberNoSchema,
    band: z.enum(['auto-link', 'review', 'manual']),
    reasons: z.array(z.string()),
    /** `auto` or `key:<hash prefix>` of the API key that asked. */
    mergedBy: z.string(),
    mergedAt: isoTime,
    undoneBy: z.string().nullable(),
    undoneAt: isoTime.nullable(),
    /** Points of the moved lots the survivor had spent (or let expire) before the undo: what did not go back. */
    undoShortfall: z.int().min(0).nullable(),
    lots: z.array(mergedLotSchema),
  })
  .meta({ id: 'Merge' });
export type MergeRecord = z.infer<typeof mergeSchema>;

export const mergeIdParamsSchema = z.object({ id: z.string().uuid() });
/** POST /merges/:id/undo takes no fields; an absent body is an empty one (the OpenAPI lists every POST's body). */
export const undoMergeRequestSchema = z.object({ approval: pinApprovalSchema }).meta({ id: 'UndoMergeRequest' });

export const mergeListQuerySchema = z.object({
  memberNo: memberNoSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type MergeListQuery = z.infer<typeof mergeListQuerySchema>;

export const mergeListSchema = z.object({ merges: z.array(mergeSchema) }).meta({ id: 'MergeList' });
export type MergeList = z.infer<typeof mergeListSchema>;

export const dismissRequestSchema = z
  .object({ memberNoA: memberNoSchema, memberNoB: memberNoSchema })
  .refine((r) => r.memberNoA !== r.memberNoB, { path: ['memberNoB'], message: 'two different members' })
  .meta({ id: 'DismissRequest' });
export type DismissRequest = z.infer<typeof dismissRequestSchema>;

export const dismissalSchema = z
  .object({ memberNoA: memberNoSchema, memberNoB: memberNoSchema, dismissedAt: isoTime })
  .meta({ id: 'Dismissal' });

/**
 * GET /api/v1/members/:memberNo for a number merged into another: the
 * survivor, saying which number was asked for. Absent for a live number.
 */
export const resolvedMemberSchema = memberSchema.extend({ mergedFromNo: memberNoSchema.optional() }).meta({ id: 'ResolvedMember' });
export const resolvedMemberPointsSchema = memberPointsSchema.safeExtend({ mergedFromNo: memberNoSchema.optional() }).meta({ id: 'ResolvedMemberPoints' });

export const memberHistoryQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });

/** One posted ledger entry in a member's history, on whichever record of the person it was posted. */
export const historyEntrySchema = z.object({
  id: z.string(),
  /** The record it was posted on: the survivor's number, or a number merged into it. */
  memberNo: memberNoSchema,
  type: z.string(),
  /** Signed: + for credits, − for debits. */
  points: z.int(),
  channel: z.string(),
  shopId: z.string(),
  ref: z.string(),
  expiresOn: calendarDate.nullable(),
  postingNo: z.int().positive(),
  at: isoTime,
});

export const memberHistorySchema = z
  .object({
    memberNo: memberNoSchema,
    /** The number asked for, when it was merged into memberNo. */
    mergedFromNo: memberNoSchema.optional(),
    /** Every record whose entries are listed: the survivor first, then the members merged into it. */
    memberNos: z.array(memberNoSchema),
    entries: z.array(historyEntrySchema),
  })
  .meta({ id: 'MemberHistory' });
export type MemberHistory = z.infer<typeof memberHistorySchema>;
