import { z } from 'zod';
import {
  locationSchema,
  memberSchema,
  orderSchema,
  pointAccountSchema,
  pointEntryDraftSchema,
  pointEntrySchema,
  productSchema,
  stockSchema,
  stockSummarySchema,
} from './documents.ts';
import { auditEventSchema } from './audit.ts';
import { settingsDocSchema } from './policy.ts';
import { timelineDocSchema } from './timeline-doc.ts';
import { couponSchema } from './coupon.ts';

/**
 * How each collection replicates (DESIGN.md "Sync protocol"):
 * - append-only: insert if the id is new; same id + same content is a retry (no-op);
 *   same id + other content is a conflict.
 * - mutable: write only if the stored document equals `assumedMasterState`.
 * - read-only: the server owns it; push is refused with 403.
 * - push-only: append-only from the tablet, never pulled back (the audit log).
 */
export const SYNC_COLLECTIONS = {
  members: { kind: 'mutable', schema: memberSchema },
  point_entries: { kind: 'append-only', schema: pointEntrySchema, draft: pointEntryDraftSchema },
  point_accounts: { kind: 'read-only', schema: pointAccountSchema },
  products: { kind: 'read-only', schema: productSchema },
  /** Own shop only (partial replication). */
  stock: { kind: 'read-only', schema: stockSchema },
  /** Every product's availability everywhere, compact. */
  stock_summaries: { kind: 'read-only', schema: stockSummarySchema },
  locations: { kind: 'read-only', schema: locationSchema },
  /** Created by tablets (append-only by id); status is the server's from then on. */
  orders: { kind: 'append-only', schema: orderSchema },
  settings: { kind: 'read-only', schema: settingsDocSchema },
  audit_events: { kind: 'push-only', schema: auditEventSchema },
  /** Purchases and contacts within the timeline window; tablets push shop notes only. */
  timeline: { kind: 'append-only', schema: timelineDocSchema },
  /** Issued by the server; a tablet pushes one back with its redemption, accepted only while unused (issue 10). */
  coupons: { kind: 'mutable', schema: couponSchema },
} as const;

export type CollectionName = keyof typeof SYNC_COLLECTIONS;
export type CollectionKind = (typeof SYNC_COLLECTIONS)[CollectionName]['kind'];
export const COLLECTION_NAMES = Object.keys(SYNC_COLLECTIONS) as CollectionName[];

export function isCollectionName(name: string): name is CollectionName {
  return Object.hasOwn(SYNC_COLLECTIONS, name);
}

/** Server sequence + id: rows are ordered by (seq, id) and pulled strictly after it. */
export const checkpointSchema = z.object({
  seq: z.number().int().min(0),
  id: z.string(),
});
export type Checkpoint = z.infer<typeof checkpointSchema>;

export const PULL_LIMIT_MAX = 5000;

export const pullQuerySchema = z.object({
  seq: z.coerce.number().int().min(0).default(0),
  id: z.string().max(64).default(''),
  limit: z.coerce.number().int().min(1).max(PULL_LIMIT_MAX).default(1000),
});
export type PullQuery = z.infer<typeof pullQuerySchema>;

/** A document on the wire: the collection's fields plus the tombstone flag. */
export type WireDocument<T> = T & { _deleted: boolean };

export interface PullResponse<T = Record<string, unknown>> {
  documents: WireDocument<T>[];
  /** Null only when the collection is empty and the client had no checkpoint. */
  checkpoint: Checkpoint | null;
}

export const pushRowSchema = z.object({
  assumedMasterState: z.record(z.string(), z.unknown()).nullish(),
  newDocumentState: z.record(z.string(), z.unknown()),
});
export const PUSH_BATCH_MAX = 500;
export const pushBodySchema = z.array(pushRowSchema).max(PUSH_BATCH_MAX);
export type PushRow = z.infer<typeof pushRowSchema>;

/**
 * The one SSE stream per tablet (`GET /sync/v1/stream`) multiplexes every
 * collection: event name = collection, data = a PullResponse. The `resync`
 * event (data = list of collections) is sent on every (re)connect: each
 * replication then pulls from its own checkpoint, so nothing missed while
 * disconnected is lost.
 */
export const STREAM_RESYNC_EVENT = 'resync';
export const STREAM_HEARTBEAT_MS = 15_000;
