import { z } from 'zod';
import { CHANNELS, lotSummarySchema, memberSchema, pointEntryDraftSchema } from './documents.ts';
import { ecAccountIdSchema, lineUserIdSchema } from './member-links.ts';

/**
 * The /api/v1 contract (DESIGN.md "The integration API"): every request and
 * response body, validated on the server with these schemas and published as
 * the OpenAPI document generated from them, so the two cannot drift apart.
 *
 * Status codes: 400 `invalid-request` when the request cannot be read (not
 * JSON, a malformed path or query parameter); 422 when it was read but its
 * values are not acceptable (`unprocessable` with per-field details, or a
 * specific code such as `unknown-member`); 409 when it conflicts with the
 * ledger's state. Nothing is written on any error.
 */

const isoTime = z.iso.datetime({ offset: true });
const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const points = z.int().min(0);

export const memberNoSchema = z.string().regex(/^\d{10}$/, 'a member number is 10 digits');
/** The same alphabet and length as a ledger entry id: the key becomes the entry's id. */
export const idempotencyKeySchema = pointEntryDraftSchema.shape.id;
/** An accounting month in JST. This century only: a typo such as 0226-02 must not become a close. */
export const monthSchema = z.string().regex(/^20\d{2}-(0[1-9]|1[0-2])$/, 'a month is YYYY-MM');

export const memberNoParamsSchema = z.object({ memberNo: memberNoSchema });
export const monthParamsSchema = z.object({ month: monthSchema });

// ── members ──────────────────────────────────────────────────────────────────

export const createMemberRequestSchema = z
  .object({
    /**
     * Optional: when given, a retry with the same key and content answers 200
     * with the member made the first time instead of making a second member.
     */
    idempotencyKey: idempotencyKeySchema.optional(),
    name: z.string().trim().min(1).max(100),
    nameKana: z.string().trim().max(100),
    /** Any spelling (０９０－…, 090-…, +81 90 …); stored as E.164. Not a phone number: 422. */
    phone: z.string().max(40).optional(),
    /** Trimmed and lower-cased before it is stored and matched. */
    email: z.string().trim().toLowerCase().max(254).email().optional(),
  })
  .meta({ id: 'CreateMemberRequest' });
export type CreateMemberRequest = z.infer<typeof createMemberRequestSchema>;

export const apiMemberSchema = memberSchema.meta({ id: 'Member' });

export const memberSearchQuerySchema = z
  .object({
    phone: z.string().trim().min(1).max(40).optional(),
    email: z.string().trim().toLowerCase().min(1).max(254).optional(),
    /** The member this LINE user id is linked to (PUT /members/{memberNo}/links/line/{id}). */
    lineUserId: lineUserIdSchema.optional(),
    /** The member this EC account id is linked to. */
    ecAccountId: ecAccountIdSchema.optional(),
  })
  .refine(
    (q) => [q.phone, q.email, q.lineUserId, q.ecAccountId].filter((v) => v !== undefined).length === 1,
    'give exactly one of phone, email, lineUserId or ecAccountId',
  );
export type MemberSearchQuery = z.infer<typeof memberSearchQuerySchema>;

export const memberListSchema = z.object({ members: z.array(apiMemberSchema) }).meta({ id: 'MemberList' });

// ── points ───────────────────────────────────────────────────────────────────

export const memberPointsSchema = z
  .object({
    memberNo: memberNoSchema,
    /** Sum of every posted entry; negative while an overdraft is unpaid. */
    balance: z.int(),
    /** Redeemable now: what an online redemption is checked against. */
    available: points,
    debt: points,
    /** The server's figures include every posted entry: nothing is pending here. */
    pending: z.literal(false),
    flagged: z.boolean(),
    flaggedEntryIds: z.array(z.string()),
    rank: z.string(),
    /** Points whose last usable day is within 30 days (JST), per day. */
    expiringSoon: z.object({
      points,
      byDate: z.array(z.object({ expiresOn: calendarDate, points })),
    }),
    /**
     * Points per last usable day, soonest first, never-expiring (null) last: every
     * lot still holding points, as in the tablet's account, so Σ lots − debt = balance.
     */
    lots: z.array(lotSummarySchema),
  })
  .meta({ id: 'MemberPoints' });
export type MemberPoints = z.infer<typeof memberPointsSchema>;

export const pointEntryRequestSchema = z
  .object({
    /** Made by the caller before the first attempt and reused on every retry. */
    idempotencyKey: idempotencyKeySchema,
    memberNo: memberNoSchema,
    type: z.enum(['earn', 'redeem']),
    points: z.int().min(1).max(10_000_000),
    channel: z.enum(CHANNELS),
    /** EC order id or receipt number. */
    ref: z.string().trim().min(1).max(64),
    /** The purchase amount an earn was given for (rank spend, partial returns). Earn only. */
    amountYen: z.int().min(0).max(100_000_000).optional(),
    /** The shop (location id) of a store purchase; '' or absent for EC. */
    shopId: z.string().max(32).optional(),
  })
  .refine((r) => r.type === 'earn' || r.amountYen === undefined || r.amountYen === 0, {
    path: ['amountYen'],
    message: 'only an earn carries a purchase amount',
  })
  .meta({ id: 'PointEntryRequest' });
export type PointEntryRequest = z.infer<typeof pointEntryRequestSchema>;

/** A posted entry: the same body on the first answer (201) and on every replay (200). */
export const apiPointEntrySchema = z
  .object({
    idempotencyKey: z.string(),
    memberNo: memberNoSchema,
    type: z.enum(['earn', 'redeem']),
    points,
    amountYen: points,
    channel: z.enum(CHANNELS),
    shopId: z.string(),
    ref: z.string(),
    /** The server's posting order. */
    postingNo: z.int().positive(),
    postedAt: isoTime,
    /** Business time (the server's, for /api/v1 entries). */
    at: isoTime,
    /** Issue 10: the campaign whose bonus an EC earn got (its points include it). */
    campaignId: z.string().optional(),
  })
  .meta({ id: 'PointEntry' });
export type ApiPointEntry = z.infer<typeof apiPointEntrySchema>;

export const flagsReportSchema = z
  .object({
    flags: z.array(
      z.object({
        entryId: z.string(),
        memberNo: memberNoSchema,
        type: z.string(),
        /** overdraft | reversal-exceeds-original | expire-mismatch */
        reason: z.string(),
        /** The entry's own points. */
        entryPoints: points,
        /** The points concerned: for an overdraft, the shortfall that became debt. */
        points,
        /** Overdrafts: how much of the shortfall later credits have paid back (oldest overdraft first). */
        repaid: points,
        outstanding: points,
        shopId: z.string(),
        deviceId: z.string(),
        postingNo: z.int().positive(),
        postedAt: isoTime,
        at: isoTime,
      }),
    ),
  })
  .meta({ id: 'FlagsReport' });
export type FlagsReport = z.infer<typeof flagsReportSchema>;

// ── month-end close (月末締め) ────────────────────────────────────────────────

export const closeRequestSchema = z.object({ month: monthSchema }).meta({ id: 'CloseRequest' });

const byChannel = z.object({ store: z.int(), ec: z.int() });

const closeEntrySchema = z.object({
  entryId: z.string(),
  memberNo: z.string(),
  type: z.string(),
  points,
  /** The entry's effect on the balance. */
  signedPoints: z.int(),
  channel: z.enum(CHANNELS),
  shopId: z.string(),
  deviceId: z.string(),
  /** The JST month of its business time. */
  businessMonth: monthSchema,
  at: isoTime,
  postedAt: isoTime,
  postingNo: z.int().positive(),
});
export type CloseEntry = z.infer<typeof closeEntrySchema>;

export const closeSnapshotSchema = z
  .object({
    month: monthSchema,
    /** The JST month as instants, [start, end). */
    periodStart: isoTime,
    periodEnd: isoTime,
    previousMonth: monthSchema.nullable(),
    /** Entries up to this posting number were considered; later ones belong to later periods. */
    postedThrough: z.int().min(0),
    /** Outstanding points at the end of the previous period (Σ balances). */
    opening: z.int(),
    /** Points moved by the period's entries, per kind (each a positive total), and their net effect. */
    movement: z.object({
      earned: points,
      redeemed: points,
      expired: points,
      earnReversed: points,
      redeemReversed: points,
      adjustedCredit: points,
      adjustedDebit: points,
      migrated: points,
      transferredIn: points,
      transferredOut: points,
      net: z.int(),
    }),
    earnedByChannel: byChannel,
    /** (redeemed − redeemReversed) / (earned − earnReversed), 4 decimals; null when the denominator is not positive. */
    redemptionRate: z.number().nullable(),
    outstanding: z.object({
      /** Σ balances at the end of the period = opening + movement.net. */
      points: z.int(),
      /** Σ points left in lots; lotPoints − debt = points. The breakdowns below add up to lotPoints. */
      lotPoints: points,
      debt: points,
      members: points,
      /** Whole calendar months from the JST month a lot was credited to the closed month: [0, 3), [3, 6), [6, 12), 12+. */
      byLotAge: z.object({ '0-3m': points, '3-6m': points, '6-12m': points, '12m+': points }),
      byExpiryMonth: z.array(z.object({ month: monthSchema.nullable(), points })),
      byChannel,
    }),
    flaggedOverdrafts: z.object({ count: points, points, entries: z.array(closeEntrySchema) }),
    /** Entries of an already-closed month posted after its close: counted here, listed here. */
    late: z.object({ count: points, points: z.int(), entries: z.array(closeEntrySchema) }),
  })
  .meta({ id: 'CloseSnapshot' });
export type CloseSnapshot = z.infer<typeof closeSnapshotSchema>;

export const periodCloseSchema = z
  .object({ month: monthSchema, closedAt: isoTime, snapshot: closeSnapshotSchema })
  .meta({ id: 'PeriodClose' });
export type PeriodClose = z.infer<typeof periodCloseSchema>;
