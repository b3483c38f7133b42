import { z } from 'zod';
import { CHANNELS } from './documents.ts';
import { CONTACT_CHANNELS, purchaseLineSchema } from './feed-api.ts';

/**
 * Issue 9: the counter's replicated copy of a member's purchases and contacts
 * (collection `timeline`), for the members the tablet holds and only within the
 * device policy's `timelineWindowDays`. Point entries and orders are already on
 * the tablet in their own collections; the profile merges all of them.
 *
 * Two server tables (purchases, contacts) share one id space here by prefix.
 * A tablet writes one kind only: a shop note (`contact:<uuid>`, channel `shop`),
 * which the server stores as a contact like any other channel's.
 *
 * Privacy: an item that leaves the window reaches the tablet as a tombstone with
 * its text and lines blanked, so no free text from another channel outlives the
 * window on a device; there are no addresses here at all.
 */
export const TIMELINE_DOC_KINDS = ['purchase', 'contact'] as const;
export type TimelineDocKind = (typeof TIMELINE_DOC_KINDS)[number];
export const TIMELINE_CHANNELS = [...CHANNELS, ...CONTACT_CHANNELS] as const;
export type TimelineChannel = (typeof TIMELINE_CHANNELS)[number];

/** A note typed at the counter is short: what the customer is looking for, not a letter. */
export const SHOP_NOTE_MAX_LENGTH = 200;

/** `purchase:` + purchases.id or `contact:` + contacts.id. */
export const TIMELINE_ID_PREFIX = { purchase: 'purchase:', contact: 'contact:' } as const satisfies Record<TimelineDocKind, string>;

const isoTime = z.iso.datetime({ offset: true });

export const timelineDocSchema = z.object({
  id: z.string().regex(/^(purchase|contact):[A-Za-z0-9:_.-]{1,110}$/),
  /** The member record the row was posted to (a merged record's rows stay on it; the profile reads the group). */
  memberId: z.string().min(1).max(64),
  kind: z.enum(TIMELINE_DOC_KINDS),
  /** purchase: store | ec; contact: line | phone | email | shop. */
  channel: z.enum(TIMELINE_CHANNELS),
  at: isoTime,
  /** purchase: the shop of a store receipt; a shop note: the shop it was written in; else ''. */
  shopId: z.string().max(32),
  /** purchase: the receipt or EC order number; contact: ''. */
  ref: z.string().max(64),
  /** purchase: Σ lines.amountYen; contact: 0. */
  totalYen: z.number().int().min(0),
  /** purchase: its lines (name '' when the feed gave none); contact: []. */
  lines: z.array(purchaseLineSchema.extend({ name: z.string().max(100) })).max(200),
  /** contact: what was asked or said; purchase: ''. */
  summary: z.string().max(500),
  /** contact: who answered (a shop note: the signed-in staff id); purchase: ''. */
  staff: z.string().max(64),
  updatedAt: isoTime,
});
export type TimelineDoc = z.infer<typeof timelineDocSchema>;

/** What a tablet may push: a shop note, nothing else (the server refuses the rest, naming the row). */
export const shopNoteSchema = timelineDocSchema.extend({
  id: z.string().regex(/^contact:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'a shop note id is contact:<uuid>'),
  kind: z.literal('contact'),
  channel: z.literal('shop'),
  shopId: z.string().min(1).max(32),
  ref: z.literal(''),
  totalYen: z.literal(0),
  lines: z.array(z.never()).max(0),
  summary: z.string().trim().min(1).max(SHOP_NOTE_MAX_LENGTH),
});
export type ShopNote = z.infer<typeof shopNoteSchema>;

/**
 * GET /sync/v1/members/:memberId/timeline?before=&limit= — older history for
 * the profile, online, for a member in the device's scope (404 otherwise, as
 * suggestions): the same page as GET /api/v1/members/:memberNo/timeline.
 */
export const MEMBER_TIMELINE_PATH = '/members/:memberId/timeline';
