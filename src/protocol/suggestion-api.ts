import { z } from 'zod';
import { memberNoSchema } from './api.ts';
import { locationSchema, memberSchema, productSchema } from './documents.ts';

/**
 * Issue 9: products a member is likely to want, from the purchases of every
 * member across the shops and the EC site (services/suggestions.ts says how
 * they are chosen). HQ tools ask through /api/v1 naming the shop; a tablet
 * asks through /sync/v1 and its own shop is `here`.
 */

/** A clerk reads a handful at the counter; a longer list is a catalogue. */
export const SUGGESTION_LIMIT = 5;

/** GET /sync/v1/members/:memberId/suggestions: a member the tablet holds, by document id. */
export const MEMBER_SUGGESTIONS_PATH = '/members/:memberId/suggestions';
export const memberIdParamsSchema = z.object({ memberId: memberSchema.shape.id });

export const suggestionQuerySchema = z.object({
  /** The shop asking: its available count becomes `here`. */
  shopId: locationSchema.shape.id.optional(),
});
export type SuggestionQuery = z.infer<typeof suggestionQuerySchema>;

export const suggestionSchema = z
  .object({
    jan: productSchema.shape.jan,
    name: z.string(),
    /** '' for a product with no variants. */
    styleName: z.string(),
    size: z.string(),
    colour: z.string(),
    reason: z.literal('bought-together'),
    /** The member's purchase that led to this one. */
    because: z.object({ jan: z.string(), name: z.string() }),
    /** How many other members bought both. */
    score: z.int().min(1),
    availability: z.object({
      /** Available at the asking shop; null when no shop asked. */
      here: z.int().min(0).nullable(),
      /** Every other location with some available, most first. */
      elsewhere: z.array(z.object({ locationId: locationSchema.shape.id, kind: locationSchema.shape.kind, available: z.int().min(1) })),
    }),
  })
  .meta({ id: 'Suggestion' });
export type Suggestion = z.infer<typeof suggestionSchema>;

export const suggestionsSchema = z
  .object({
    memberNo: memberNoSchema,
    /** The number asked for, when it was merged into `memberNo`: the suggestions are the survivor's. */
    mergedFromNo: memberNoSchema.optional(),
    /** Best first; empty for a member with no purchases (there is no popularity fallback). */
    suggestions: z.array(suggestionSchema).max(SUGGESTION_LIMIT),
  })
  .meta({ id: 'Suggestions' });
export type Suggestions = z.infer<typeof suggestionsSchema>;
