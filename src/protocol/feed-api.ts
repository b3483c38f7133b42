import { z } from 'zod';
import { idempotencyKeySchema, memberNoSchema } from './api.ts';
import { CHANNELS, ORDER_STATUSES, pointEntrySchema } from './documents.ts';
import { ecAccountIdSchema, LINK_ID_SCHEMAS, LINK_KINDS, lineUserIdSchema } from './member-links.ts';

/**
 * Issue 9: feeds that make up a member's customer timeline — purchases from
 * the shops' POS (ID-POS receipts) and the EC site, contact history — the
 * identity links that let those feeds name a member by a LINE or EC id, and
 * the timeline itself. Idempotency as for points: the key becomes the row id;
 * a retry with the same content gets the stored row, other content is a 409.
 */

const isoTime = z.iso.datetime({ offset: true });
const yen = z.int().min(0).max(100_000_000);

/** Who the feed is about: exactly one of a member number, a linked LINE user id or a linked EC account id. */
export const memberRefSchema = z
  .union([
    z.strictObject({ memberNo: memberNoSchema }),
    z.strictObject({ lineUserId: lineUserIdSchema }),
    z.strictObject({ ecAccountId: ecAccountIdSchema }),
  ])
  .meta({ id: 'MemberRef' });
export type MemberRef = z.infer<typeof memberRefSchema>;

// ── purchases ────────────────────────────────────────────────────────────────

export const purchaseLineSchema = z.object({
  /** JAN-8 or JAN-13 as the POS or the EC site read it (in-store codes included: the check digit is not checked). */
  jan: z.string().regex(/^(\d{8}|\d{13})$/, 'a JAN is 8 or 13 digits'),
  name: z.string().trim().max(100).optional(),
  quantity: z.int().min(1).max(9_999),
  /** The line's amount after discounts, tax included. */
  amountYen: yen,
});

export const purchaseRequestSchema = z
  .object({
    /** Made by the sender before the first attempt and reused on every retry; becomes the purchase id. */
    idempotencyKey: idempotencyKeySchema,
    member: memberRefSchema,
    channel: z.enum(CHANNELS),
    /** The receipt number (store) or the EC order number (ec). */
    ref: z.string().trim().min(1).max(64),
    /** The shop (location id) of a store receipt; absent for the EC site. */
    shopId: z.string().min(1).max(32).optional(),
    /** When the purchase was made, with its offset. */
    at: isoTime,
    lines: z.array(purchaseLineSchema).min(1).max(200),
  })
  .refine((r) => r.channel !== 'store' || r.shopId !== undefined, { path: ['shopId'], message: 'a store receipt needs its shop' })
  .refine((r) => r.channel !== 'ec' || r.shopId === undefined, { path: ['shopId'], message: 'an EC purchase has no shop' })
  .meta({ id: 'PurchaseRequest' });
export type PurchaseRequest = z.infer<typeof purchaseRequestSchema>;

export const apiPurchaseSchema = z
  .object({
    id: z.string(),
    /** The member it was posted to (the survivor, when the sender named a number merged into another). */
    memberNo: memberNoSchema,
    channel: z.enum(CHANNELS),
    ref: z.string(),
    /** '' for the EC site. */
    shopId: z.string(),
    at: isoTime,
    /** Σ lines.amountYen. */
    totalYen: z.int().min(0),
    lines: z.array(z.object({ jan: z.string(), name: z.string(), quantity: z.int(), amountYen: z.int() })),
  })
  .meta({ id: 'Purchase' });
export type ApiPurchase = z.infer<typeof apiPurchaseSchema>;

// ── contacts ─────────────────────────────────────────────────────────────────

export const CONTACT_CHANNELS = ['line', 'phone', 'email', 'shop'] as const;

export const contactRequestSchema = z
  .object({
    idempotencyKey: idempotencyKeySchema,
    member: memberRefSchema,
    channel: z.enum(CONTACT_CHANNELS),
    at: isoTime,
    /** What was asked or said, in a line or two. */
    summary: z.string().trim().min(1).max(500),
    /** Who answered (a name or staff id). */
    staff: z.string().trim().max(64).optional(),
  })
  .meta({ id: 'ContactRequest' });
export type ContactRequest = z.infer<typeof contactRequestSchema>;

export const apiContactSchema = z
  .object({
    id: z.string(),
    memberNo: memberNoSchema,
    channel: z.enum(CONTACT_CHANNELS),
    at: isoTime,
    summary: z.string(),
    /** '' when not given. */
    staff: z.string(),
  })
  .meta({ id: 'Contact' });
export type ApiContact = z.infer<typeof apiContactSchema>;

// ── identity links ───────────────────────────────────────────────────────────

export const memberLinkParamsSchema = z
  .object({ memberNo: memberNoSchema, kind: z.enum(LINK_KINDS), externalId: z.string().max(64) })
  .refine((p) => LINK_ID_SCHEMAS[p.kind].safeParse(p.externalId).success, {
    path: ['externalId'],
    message: 'a LINE user id is U and 32 hex digits; an EC account id 1 to 64 letters, digits or ._@:-',
  });

export const memberLinkSchema = z
  .object({
    kind: z.enum(LINK_KINDS),
    externalId: z.string(),
    /** The member the id finds now: the survivor, when the record it was linked to was merged into another. */
    memberNo: memberNoSchema,
    linkedAt: isoTime,
  })
  .meta({ id: 'MemberLink' });
export type MemberLink = z.infer<typeof memberLinkSchema>;

// ── timeline ─────────────────────────────────────────────────────────────────

/** Items of one page, ordered newest first; ties by id, then kind (byte order). */
export const TIMELINE_KINDS = ['purchase', 'points', 'contact', 'order'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/**
 * `before`: an ISO time (items strictly earlier), or the `nextBefore` of the
 * previous page (its last item's time, id and kind, joined by `~`), which
 * continues exactly after that item even when others share its time.
 */
export const timelineCursorSchema = z
  .string()
  .max(300)
  .refine((value) => {
    const [time, id, kind, ...rest] = value.split('~');
    const cursor = id === undefined || (/^[A-Za-z0-9:_.-]{1,200}$/.test(id) && TIMELINE_KINDS.some((k) => k === kind));
    return isoTime.safeParse(time).success && cursor && rest.length === 0;
  }, 'an ISO time with its offset, or the nextBefore of a previous page');

export const timelineQuerySchema = z.object({
  before: timelineCursorSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type TimelineQuery = z.infer<typeof timelineQuerySchema>;

const itemBase = { at: isoTime, id: z.string() };

export const timelineItemSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('purchase'),
    channel: z.enum(CHANNELS),
    ...itemBase,
    ref: z.string(),
    shopId: z.string(),
    totalYen: z.int(),
    lines: apiPurchaseSchema.shape.lines,
  }),
  z.object({
    kind: z.literal('points'),
    channel: z.enum(CHANNELS),
    ...itemBase,
    type: pointEntrySchema.shape.type,
    /** The entry's effect on the balance: negative for a redemption. */
    points: z.int(),
    ref: z.string(),
  }),
  z.object({ kind: z.literal('contact'), channel: z.enum(CONTACT_CHANNELS), ...itemBase, summary: z.string(), staff: z.string() }),
  z.object({ kind: z.literal('order'), channel: z.enum(CHANNELS), ...itemBase, jan: z.string(), quantity: z.int(), status: z.enum(ORDER_STATUSES) }),
]);
export type TimelineItem = z.infer<typeof timelineItemSchema>;

export const timelineSchema = z
  .object({
    memberNo: memberNoSchema,
    /** The number asked for, when it was merged into `memberNo`: the timeline is the survivor's. */
    mergedFromNo: memberNoSchema.optional(),
    items: z.array(timelineItemSchema),
    /** Pass as `before` for the next page; null on the last page. */
    nextBefore: z.string().nullable(),
  })
  .meta({ id: 'Timeline' });
export type Timeline = z.infer<typeof timelineSchema>;
