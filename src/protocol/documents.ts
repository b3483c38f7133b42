import { z } from 'zod';
import { LEDGER_ENTRY_TYPES } from '../domain/ledger/types.ts';

/**
 * The documents that travel between tablet and server, one schema per
 * collection. RxDB schemas in src/db mirror these field for field; the server
 * maps its rows to exactly these shapes. Replication bookkeeping (the server
 * sequence) is never inside a document: see DESIGN.md "Sync protocol".
 */

const isoTime = z.iso.datetime({ offset: true });
const id = z.string().min(1).max(64);

/**
 * A public key of the member's own phone (the `card` screen): ECDSA P-256,
 * the JWK's x and y (base64url). Tablets verify TNP2 codes offline with it.
 */
export const cardKeySchema = z.object({
  kid: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  x: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  y: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  createdAt: isoTime,
});
export type CardKey = z.infer<typeof cardKeySchema>;

/**
 * Fields only the server writes (numbers, verification, merges, card links and
 * keys). A tablet's push keeps the stored values of these whatever it sends:
 * a tablet cannot verify a phone, merge members or register a phone's key.
 */
export const SERVER_OWNED_MEMBER_FIELDS = [
  'memberNo',
  'kanaKey',
  'phoneVerified',
  'emailVerified',
  'lineUserId',
  'mergedInto',
  'paperCards',
  'cardKeys',
] as const;

export const memberSchema = z.object({
  id: id,
  /**
   * The permanent member number (10 digits, no leading 0), given by the server.
   * '' for a member registered on a tablet that has not reached the server yet:
   * the member can earn at once (entries refer to `id`), and every tablet
   * converges on the number the server gives.
   */
  memberNo: z.string().regex(/^(|[1-9]\d{9})$/),
  name: z.string().min(1).max(100),
  nameKana: z.string().max(100),
  /** foldKana(nameKana): what kana lookups compare (ｶﾝﾀﾞ, かんだ and カンダ alike). Derived by the server. */
  kanaKey: z.string().max(200).default(''),
  /** E.164 (`+819012345678`) once normalised; empty when unknown. */
  phone: z.string().max(20),
  /** Trimmed and case-folded (normaliseEmail); empty when unknown. */
  email: z.string().max(254),
  homeShopId: z.string().max(32),
  /** Agreed to the programme's terms (利用規約) / to receive offers (メール・DM配信). */
  consentTerms: z.boolean().default(false),
  consentMarketing: z.boolean().default(false),
  phoneVerified: z.boolean().default(false),
  emailVerified: z.boolean().default(false),
  /** LINE user id joined to this member; '' when none. */
  lineUserId: z.string().max(64).default(''),
  /** 名寄せ: the surviving member's id when this record was merged into another; '' otherwise. */
  mergedInto: z.string().max(64).default(''),
  /** Paper point cards migrated to this member (each card number once in the chain). */
  paperCards: z.array(z.string().max(32)).max(50).default([]),
  /** Public keys of the member's phones, for TNP2 codes. */
  cardKeys: z.array(cardKeySchema).max(10).default([]),
  updatedAt: isoTime,
});
export type Member = z.infer<typeof memberSchema>;

type UnlinkedFields = 'consentTerms' | 'consentMarketing' | 'phoneVerified' | 'emailVerified' | 'lineUserId' | 'mergedInto' | 'paperCards' | 'cardKeys';

/** The fields of a member nobody has verified, merged, linked or given a key yet (fresh arrays each call). */
export function unlinkedMember(): Pick<Member, UnlinkedFields> {
  return {
    consentTerms: false,
    consentMarketing: false,
    phoneVerified: false,
    emailVerified: false,
    lineUserId: '',
    mergedInto: '',
    paperCards: [],
    cardKeys: [],
  };
}

/** Every ledger entry type (DESIGN.md "Points (the ledger)"): the wire carries exactly the types the rules know. */
export const POINT_ENTRY_TYPES = LEDGER_ENTRY_TYPES;
export type PointEntryType = (typeof POINT_ENTRY_TYPES)[number];
/** What a tablet may push. The others are posted by the server (expiry job, HQ, merges). */
export const DEVICE_ENTRY_TYPES = ['earn', 'redeem', 'reversal', 'migration'] as const;
export const CHANNELS = ['store', 'ec'] as const;

const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/**
 * Idempotency key: a UUID made on the device before the first attempt, or a
 * deterministic key for server-made entries (e.g. `expire:<lot>:<date>`), so a
 * job that runs twice posts once.
 */
const entryId = z.string().regex(/^[A-Za-z0-9:_.-]{8,100}$/);

/** Fields the writer (device, EC site, server job) sets. */
export const pointEntryDraftSchema = z
  .object({
    id: entryId,
    memberId: id,
    type: z.enum(POINT_ENTRY_TYPES),
    /** Never negative; the type (and `direction` for adjust) says which way it moves the balance. 0 only for reversals. */
    points: z.number().int().min(0).max(10_000_000),
    /** Purchase amount the points were earned on (yen); a reversal's returned amount; else 0. */
    amountYen: z.number().int().min(0).max(100_000_000),
    channel: z.enum(CHANNELS),
    shopId: z.string().max(32),
    deviceId: z.string().max(64),
    /** Staff member who made it; '' until staff sign-in exists. */
    staffId: z.string().max(64).default(''),
    /** Source reference: receipt number or EC order id; '' when none. */
    ref: z.string().max(64).default(''),
    /** Receipt line, when points are earned or returned per line. */
    line: z.string().max(32).optional(),
    /** reversal: the entry it undoes, and that entry's type. */
    reverses: entryId.optional(),
    reversesType: z.enum(['earn', 'redeem']).optional(),
    /** adjust: which way. */
    direction: z.enum(['credit', 'debit']).optional(),
    /** Last usable day of points with their own date (campaign points, carried-over lots). */
    expiresOn: calendarDate.optional(),
    /** expire: the lot it expires. */
    lotId: z.string().max(100).optional(),
    /** earn: the rule that applied, e.g. `gold×2 + campaign double-day×2`, and the campaign. */
    rule: z.string().max(200).optional(),
    campaignId: z.string().max(64).optional(),
    /** Made while the tablet was offline (counts against the daily offline cap). */
    offline: z.boolean().optional(),
    /** Writer's clock, informational only: posting order is the server's. */
    createdAt: isoTime,
  })
  .superRefine((entry, ctx) => {
    const need = (field: keyof typeof entry, when: string): void => {
      if (entry[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `required for ${when}` });
    };
    if (entry.type === 'reversal') {
      need('reverses', 'a reversal');
      need('reversesType', 'a reversal');
    } else if (entry.points === 0) {
      ctx.addIssue({ code: 'custom', path: ['points'], message: 'must be positive' });
    }
    if (entry.type === 'adjust') need('direction', 'an adjustment');
    if (entry.type === 'expire') {
      need('lotId', 'an expiry');
      need('expiresOn', 'an expiry');
    }
  });
export type PointEntryDraft = z.infer<typeof pointEntryDraftSchema>;

/** Why the server flagged an entry (the ledger rules' flag reasons). */
export const ENTRY_FLAGS = ['overdraft', 'reversal-exceeds-original', 'expire-mismatch'] as const;

/** A posted entry also carries what the server decided. */
export const pointEntrySchema = pointEntryDraftSchema.safeExtend({
  postingNo: z.number().int().positive().optional(),
  postedAt: isoTime.optional(),
  /** Business time the rules use: the writer's time, but never after posting. */
  at: isoTime.optional(),
  flags: z.array(z.enum(ENTRY_FLAGS)).optional(),
  /** A credit that paid back overdraft debt: how many of its points went to the debt. */
  repaid: z.number().int().positive().optional(),
});
export type PointEntry = z.infer<typeof pointEntrySchema>;

export const lotSummarySchema = z.object({
  /** Last usable day (JST), or null for points that never expire. */
  expiresOn: calendarDate.nullable(),
  points: z.number().int().positive(),
});

export const pointAccountSchema = z.object({
  /** Same as memberId: one account per member. */
  id: id,
  memberId: id,
  /** Sum of every posted entry; negative while an overdraft is unpaid. */
  balance: z.number().int(),
  /** Redeemable now: vested, unexpired lots less debt; never below 0. */
  available: z.number().int().min(0).default(0),
  /** Points owed from overdrafts, paid back from later earnings. */
  debt: z.number().int().min(0).default(0),
  /** Points per last usable day, soonest first (the counter shows what expires within 30 days). */
  lots: z.array(lotSummarySchema).default([]),
  rank: z.string().max(32).default('regular'),
  /** Ids of this member's flagged entries (overdrafts etc.), for the counter and the flags report. */
  flaggedEntryIds: z.array(z.string()).default([]),
  /** Highest postingNo included in `balance`; entries above it are still pending. */
  postedThrough: z.number().int().min(0),
  updatedAt: isoTime,
});
export type PointAccount = z.infer<typeof pointAccountSchema>;

export const productSchema = z.object({
  id: z.string().regex(/^\d{13}$/),
  jan: z.string().regex(/^\d{13}$/),
  name: z.string().min(1).max(200),
  nameKana: z.string().max(200),
  priceYen: z.number().int().min(0),
  /** The style this product is a variant of (size × colour); '' for a product with no variants. */
  styleCode: z.string().max(32).default(''),
  styleName: z.string().max(200).default(''),
  size: z.string().max(16).default(''),
  colour: z.string().max(32).default(''),
  updatedAt: isoTime,
});
export type Product = z.infer<typeof productSchema>;

/** A shop or the EC warehouse. */
export const locationSchema = z.object({
  id: z.string().min(1).max(32),
  kind: z.enum(['store', 'warehouse']),
  name: z.string().min(1).max(100),
  updatedAt: isoTime,
});
export type Location = z.infer<typeof locationSchema>;

/**
 * Stock of one product at one location, in full: a tablet receives these for
 * its own shop only (partial replication); other locations arrive as summaries.
 * available = onHand − reserved.
 */
export const stockSchema = z.object({
  /** `${jan}@${locationId}` */
  id: z.string().max(64),
  jan: z.string().regex(/^\d{13}$/),
  locationId: z.string().max(32),
  onHand: z.number().int().min(0),
  reserved: z.number().int().min(0),
  updatedAt: isoTime,
});
export type Stock = z.infer<typeof stockSchema>;

export const locationAvailabilitySchema = z.object({
  locationId: z.string().max(32),
  available: z.number().int().min(0),
  /** When this location's figure last changed (the screen shows its age). */
  updatedAt: isoTime,
});

/**
 * What every tablet knows of a product's stock everywhere: one compact
 * document per product (id = jan) with the available count per location.
 * Own-shop detail comes from `stock`; this is for "where else is it".
 */
export const stockSummarySchema = z.object({
  id: z.string().regex(/^\d{13}$/),
  jan: z.string().regex(/^\d{13}$/),
  locations: z.array(locationAvailabilitySchema).max(1000),
  updatedAt: isoTime,
});
export type StockSummary = z.infer<typeof stockSummarySchema>;

export const ORDER_STATUSES = ['pending', 'confirmed', 'refused', 'ready', 'shipped', 'completed', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const FULFILMENTS = ['pickup', 'ship'] as const;

/**
 * An endless-aisle order. The tablet (or the EC site) creates it with status
 * `pending` and an id that is its idempotency key; from then on the server owns
 * it: it reserves the stock atomically and sets `confirmed` or `refused` (with
 * where else it is available), then the lifecycle (ready / shipped →
 * completed, or cancelled, which releases the reservation).
 */
export const orderSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9:_.-]{8,100}$/),
  jan: z.string().regex(/^\d{13}$/),
  quantity: z.number().int().min(1).max(99),
  /** Where the goods come from: another shop, or the EC warehouse. */
  fromLocation: z.string().min(1).max(32),
  /** The shop that took the order ('' for the EC site). */
  shopId: z.string().max(32),
  /** pickup: at `shopId`; ship: to the customer's home. */
  fulfilment: z.enum(FULFILMENTS),
  /** The member it is for ('' when none): the EC channel earns them points on fulfilment. */
  memberId: z.string().max(64).default(''),
  status: z.enum(ORDER_STATUSES),
  /** Why it was refused or cancelled (a stable kebab code), '' otherwise. */
  reason: z.string().max(64).default(''),
  /** When refused for stock: where else it was available at that moment. */
  alternatives: z.array(z.object({ locationId: z.string().max(32), available: z.number().int().min(0) })).max(1000).default([]),
  channel: z.enum(CHANNELS),
  deviceId: z.string().max(64).default(''),
  staffId: z.string().max(64).default(''),
  /** Made offline: the clerk is told on sync whether it was confirmed. */
  offline: z.boolean().default(false),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type Order = z.infer<typeof orderSchema>;

/** Tombstones travel as the last known document with `_deleted: true`. */
export const deletedFlag = z.object({ _deleted: z.boolean() });
