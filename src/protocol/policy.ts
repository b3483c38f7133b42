import { z } from 'zod';
import { DEFAULT_DEVICE_POLICY, devicePolicySchema, staffSchema } from './staff.ts';

const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The chain's points rules, set at HQ and replicated to tablets so they apply offline. */
export const expiryPolicySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rolling-from-last-activity'), months: z.number().int().min(1).max(120) }),
  z.object({ kind: z.literal('rolling-from-earn'), months: z.number().int().min(1).max(120) }),
  z.object({ kind: z.literal('fixed-date') }),
]);

export const rankTierSchema = z.object({
  id: z.string().min(1).max(32),
  minSpendYen: z.number().int().min(0),
  minVisits: z.number().int().min(0),
  multiplier: z.number().min(1).max(100),
});

export const campaignSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().max(100).default(''),
  multiplier: z.number().min(1).max(100),
  from: calendarDate,
  to: calendarDate,
  channel: z.enum(['store', 'ec', 'both']),
  shopIds: z.array(z.string()).optional(),
  rankIds: z.array(z.string()).optional(),
});

/**
 * Issue 10: a bonus rule (shared by shops and EC). `first-ec-purchase`: a
 * member with a shop history (a store earn or paper-card migration) gets
 * `points` once, with their first EC earn on a JST day from `from` to `to`
 * (both inclusive): the shop member's welcome bonus on EC. The server posts it
 * (server/services/ec-bonus.ts); tablets only carry the rule.
 */
export const bonusRuleSchema = z.object({
  /** At most 32: the bonus entry's id embeds it (bonusEntryId, server/services/ec-bonus.ts). */
  id: z.string().min(1).max(32),
  name: z.string().max(100).default(''),
  kind: z.literal('first-ec-purchase'),
  points: z.number().int().min(1).max(100_000),
  from: calendarDate,
  to: calendarDate,
});
export type BonusRule = z.infer<typeof bonusRuleSchema>;

/**
 * Paper card migration (issue 4): a card balance above the threshold needs a
 * manager's PIN at the counter, checked offline against this PBKDF2 hash
 * (src/domain/manager-pin.ts). No PIN set: large migrations cannot be approved.
 */
export const migrationPolicySchema = z.object({
  approvalThresholdPoints: z.number().int().min(0),
  managerPin: z
    .object({
      salt: z.string().min(1).max(64),
      iterations: z.number().int().min(1_000).max(10_000_000),
      hash: z.string().min(1).max(128),
    })
    .nullable(),
});
export type MigrationPolicy = z.infer<typeof migrationPolicySchema>;
export const DEFAULT_MIGRATION_POLICY: MigrationPolicy = { approvalThresholdPoints: 5_000, managerPin: null };

export const pointsPolicySchema = z.object({
  yenPerPoint: z.number().int().positive(),
  expiry: expiryPolicySchema,
  vestingDays: z.number().int().min(0).max(365).default(0),
  offline: z.object({
    perTransactionCap: z.number().int().min(0),
    perMemberDailyOfflineCap: z.number().int().min(0),
  }),
  ranks: z.array(rankTierSchema).min(1),
  campaigns: z.array(campaignSchema).default([]),
  bonusRules: z.array(bonusRuleSchema).default([]),
  migration: migrationPolicySchema.default(DEFAULT_MIGRATION_POLICY),
});
export type PointsPolicy = z.infer<typeof pointsPolicySchema>;

export const DEFAULT_POINTS_POLICY: PointsPolicy = {
  yenPerPoint: 100,
  expiry: { kind: 'rolling-from-last-activity', months: 12 },
  vestingDays: 0,
  offline: { perTransactionCap: 3_000, perMemberDailyOfflineCap: 5_000 },
  ranks: [
    { id: 'regular', minSpendYen: 0, minVisits: 0, multiplier: 1 },
    { id: 'silver', minSpendYen: 50_000, minVisits: 6, multiplier: 1.5 },
    { id: 'gold', minSpendYen: 150_000, minVisits: 12, multiplier: 2 },
  ],
  campaigns: [],
  bonusRules: [],
  migration: DEFAULT_MIGRATION_POLICY,
};

/**
 * The `settings` collection (server-owned, read-only on tablets): one document
 * per kind of setting, each carrying one of the optional fields: the points
 * policy ('points-policy'), the device policy ('device-policy'), or one staff
 * member ('staff:<staffId>', scoped to the staff member's shop).
 */
export const settingsDocSchema = z.object({
  id: z.string().max(64),
  pointsPolicy: pointsPolicySchema.optional(),
  devicePolicy: devicePolicySchema.optional(),
  staff: staffSchema.optional(),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type SettingsDoc = z.infer<typeof settingsDocSchema>;
export const POINTS_POLICY_SETTINGS_ID = 'points-policy';

/** Issue 6: a tablet that has not reached the server for this long locks its counter (src/domain/device-lease.ts). */
export const DEFAULT_DEVICE_LEASE_HOURS = DEFAULT_DEVICE_POLICY.leaseHours;
