import { z } from 'zod';
import { isValidJan } from '../domain/jan.ts';
import { locationSchema, productSchema } from './documents.ts';

/**
 * /api/v1 stock feeds and queries (DESIGN.md "The integration API"). The
 * feeds carry full state, not deltas: sending the same feed twice leaves the
 * same rows, so a retry is always safe and needs no idempotency key.
 */

/** Rows per feed request: a master system sends a large catalogue as several requests. */
export const MAX_FEED_ROWS = 5000;

export const janSchema = z.string().refine(isValidJan, 'a JAN is 13 digits with a valid EAN-13 check digit');
const locationIdSchema = locationSchema.shape.id;

export const productFeedRowSchema = z.object({
  jan: janSchema,
  name: productSchema.shape.name,
  nameKana: productSchema.shape.nameKana.optional(),
  price: productSchema.shape.priceYen,
  styleCode: z.string().max(32).optional(),
  styleName: z.string().max(200).optional(),
  size: z.string().max(16).optional(),
  colour: z.string().max(32).optional(),
});
export type ProductFeedRow = z.infer<typeof productFeedRowSchema>;
export const productFeedSchema = z.array(productFeedRowSchema).min(1).max(MAX_FEED_ROWS);

export const stockFeedRowSchema = z.object({
  jan: janSchema,
  location: locationIdSchema,
  onHand: z.int().min(0).max(1_000_000),
});
export type StockFeedRow = z.infer<typeof stockFeedRowSchema>;
export const stockFeedSchema = z.array(stockFeedRowSchema).min(1).max(MAX_FEED_ROWS);

export const feedResultSchema = z.object({
  /** Rows in the feed (each written, or already as sent). */
  received: z.int().min(0),
});
export type FeedResult = z.infer<typeof feedResultSchema>;

/** A feed row that cannot be applied: its index in the feed and why. */
export const feedRowProblemSchema = z.object({
  index: z.int().min(0),
  jan: z.string(),
  location: z.string().optional(),
  reason: z.enum(['unknown-product', 'unknown-location', 'below-reserved', 'duplicate-row']),
  reserved: z.int().optional(),
});
export type FeedRowProblem = z.infer<typeof feedRowProblemSchema>;

export const apiLocationSchema = z.object({ id: locationSchema.shape.id, kind: locationSchema.shape.kind, name: locationSchema.shape.name });
export const apiLocationsSchema = z.array(apiLocationSchema);

export const janParamsSchema = z.object({ jan: janSchema });

export const availabilitySchema = z.object({
  jan: janSchema,
  locations: z.array(
    z.object({
      location: locationIdSchema,
      onHand: z.int().min(0),
      reserved: z.int().min(0),
      /** onHand − reserved, never below 0. */
      available: z.int().min(0),
      updatedAt: z.iso.datetime({ offset: true }),
    }),
  ),
});
export type Availability = z.infer<typeof availabilitySchema>;
