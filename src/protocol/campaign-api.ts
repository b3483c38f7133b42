import { z } from 'zod';
import { campaignSchema } from './policy.ts';

/**
 * HQ's campaigns over /api/v1 (issue 10). A campaign lives in the points
 * policy (the `settings` document tablets pull), so a campaign HQ writes
 * applies on every tablet after one sync, offline too.
 */

/** A real calendar day: the regex alone would let 2026-02-31 through, which no purchase ever falls on. */
export const calendarDay = z
  .string()
  .regex(/^20\d{2}-\d{2}-\d{2}$/, 'a day is YYYY-MM-DD')
  // zod runs the refinement even when the regex failed: an unparsable string must answer false, not throw.
  .refine((day) => {
    const time = Date.parse(`${day}T00:00:00Z`);
    return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === day;
  }, 'not a calendar day');
const listedIds = z.array(z.string().min(1).max(32)).max(200);

export const campaignIdParamsSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a campaign id is 1–64 letters, digits, _ or -') });

export const campaignPutRequestSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    /** 2 for double points; a campaign never lowers what the rank gives. */
    multiplier: z.number().min(1).max(10),
    /** JST days, both inclusive. */
    from: calendarDay,
    to: calendarDay,
    channel: z.enum(['store', 'ec', 'both']),
    /** Only at these locations (shops, or the warehouse id EC earns carry); absent or empty: everywhere. */
    shopIds: listedIds.optional(),
    /** Only for members of these ranks (the policy's rank ids); absent or empty: every rank. */
    rankIds: listedIds.optional(),
  })
  .refine((c) => c.from <= c.to, { path: ['to'], message: 'the campaign ends before it starts' })
  .meta({ id: 'CampaignPutRequest' });
export type CampaignPutRequest = z.infer<typeof campaignPutRequestSchema>;

export const apiCampaignSchema = campaignSchema.meta({ id: 'Campaign' });
export const campaignListSchema = z
  .object({
    campaigns: z.array(apiCampaignSchema),
    /** The policy's rank ids, in order: what `rankIds` may name. */
    rankIds: z.array(z.string()),
  })
  .meta({ id: 'CampaignList' });
export type CampaignList = z.infer<typeof campaignListSchema>;
