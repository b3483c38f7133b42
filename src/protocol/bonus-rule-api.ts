import { z } from 'zod';
import { calendarDay } from './campaign-api.ts';
import { bonusRuleSchema } from './policy.ts';

/**
 * HQ's bonus rules over /api/v1 (issue 10), kept in the points policy next to
 * the campaigns. Today one kind: `first-ec-purchase`, the shop member's
 * welcome bonus on their first EC earn.
 */

export const bonusRuleIdParamsSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'a bonus rule id is 1–32 letters, digits, _ or -') });

export const bonusRulePutRequestSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    kind: z.literal('first-ec-purchase'),
    /** Points credited once per member. */
    points: z.number().int().min(1).max(100_000),
    /** JST days, both inclusive: the day of the first EC earn must fall in them. */
    from: calendarDay,
    to: calendarDay,
  })
  .refine((rule) => rule.from <= rule.to, { path: ['to'], message: 'the rule ends before it starts' })
  .meta({ id: 'BonusRulePutRequest' });
export type BonusRulePutRequest = z.infer<typeof bonusRulePutRequestSchema>;

export const apiBonusRuleSchema = bonusRuleSchema.meta({ id: 'BonusRule' });
export const bonusRuleListSchema = z.object({ bonusRules: z.array(apiBonusRuleSchema) }).meta({ id: 'BonusRuleList' });
export type BonusRuleList = z.infer<typeof bonusRuleListSchema>;
