import { z } from 'zod';

/**
 * Issue 10: the HQ dashboard's figures (GET /api/v1/kpis and its CSV). Days
 * are JST calendar days, as the month-end close counts them: an entry belongs
 * to the day of its business time `at` in Asia/Tokyo (UTC+9, no DST).
 * Deleted rows never count. Members are member records: a record merged into
 * another (名寄せ) still counts as itself for what it did before the merge.
 */

/** The longest period one request covers: a year and a day (a leap year's 366). */
export const KPI_MAX_DAYS = 366;
/** Periods up to this many days are charted per day, longer ones per JST month. */
export const KPI_DAILY_MAX_DAYS = 92;

const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(isCalendarDate, 'not a calendar date');

/** 2026-02-30 matches the pattern but is no day: rebuilt from its parts it would read 2026-03-02. */
function isCalendarDate(date: string): boolean {
  const [y = 0, m = 0, d = 0] = date.split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
}

export const kpiChannelSchema = z.enum(['store', 'ec']);
export type KpiChannel = z.infer<typeof kpiChannelSchema>;

/** Days from `from` to `to`, both included. */
export function kpiPeriodDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/**
 * The period is [00:00 JST of `from`, 24:00 JST of `to`). shopId (a store
 * location) and channel narrow the ledger figures to entries of that shop /
 * channel; each figure says below how it reads them.
 */
export const kpiQuerySchema = z
  .object({
    from: calendarDate,
    to: calendarDate,
    shopId: z.string().min(1).max(32).optional(),
    channel: kpiChannelSchema.optional(),
  })
  .strict()
  .refine((q) => q.from <= q.to, { message: 'from is after to', path: ['from'] })
  .refine((q) => q.from > q.to || kpiPeriodDays(q.from, q.to) <= KPI_MAX_DAYS, { message: `the period is longer than ${KPI_MAX_DAYS} days`, path: ['to'] });
export type KpiQuery = z.infer<typeof kpiQuerySchema>;

const count = z.number().int().nonnegative();
const points = z.number().int();
const ratio = z.number().nonnegative().nullable();

/** Members registered in the period, by where they registered (below). */
const newMembersSchema = z.object({ store: count, ec: count });

export const kpiTotalsSchema = z.object({
  /** Members with at least one earn or redeem entry in the period (of the shop / channel when filtered). */
  activeMembers: count,
  /**
   * Members whose registered_at falls in the period. Registration channel:
   * `ec` when the member has no home shop (the EC site makes members without
   * one), `store` otherwise. shopId filters by home shop (so it counts no EC
   * registrations); channel keeps one of the two.
   */
  newMembers: newMembersSchema,
  /** Σ points of earn entries in the period (filters apply). */
  pointsEarned: count,
  /** Σ points of redeem entries in the period (filters apply). */
  pointsRedeemed: count,
  /** Σ points of expire entries in the period; an expiry carries the channel and shop of the lot that earned it, so filters apply. */
  pointsExpired: count,
  /** pointsRedeemed / pointsEarned; null when nothing was earned. */
  redemptionRate: ratio,
  /**
   * Outstanding points (liability) at the end of the period: Σ of every
   * entry's signed points (credits +, debits −; see signedPoints) with `at`
   * before the period's end, over the whole chain. Points belong to the
   * member, not to a shop or channel, so the filters do not apply.
   */
  liability: points,
  /**
   * Members who bought both in a shop and on the EC site in the period: a
   * purchase is an earn entry or a purchases row of that channel. With shopId
   * the shop side is that shop; the channel filter does not apply (the figure
   * is about both channels).
   */
  crossChannelMembers: count,
  /** Members with any purchase in the period (same reading: shop side narrowed by shopId). */
  purchasingMembers: count,
  /** crossChannelMembers / purchasingMembers; null when nobody bought. */
  crossChannelShare: ratio,
});
export type KpiTotals = z.infer<typeof kpiTotalsSchema>;

/**
 * Per rank (the member's current rank, point_accounts.rank: ranks are not
 * kept by date), over members with an earn in the period (filters apply):
 * avgSpendYen = Σ amountYen of their earns / members; visitFrequency = earn
 * entries / members. Ranks with no such member are left out.
 */
export const kpiRankRowSchema = z.object({ rank: z.string(), members: count, avgSpendYen: z.number().nonnegative(), visitFrequency: z.number().nonnegative() });
export type KpiRankRow = z.infer<typeof kpiRankRowSchema>;

/**
 * Per cohort: members whose first earn (of the shop / channel when filtered)
 * falls in the period, grouped by its JST month. ltvYen = Σ amountYen of the
 * cohort's earns (filters apply) from then to the end of the period / members.
 */
export const kpiCohortRowSchema = z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), members: count, spendYen: count, ltvYen: z.number().nonnegative() });
export type KpiCohortRow = z.infer<typeof kpiCohortRowSchema>;

/** One bucket of the charts: a JST day (`YYYY-MM-DD`) or month (`YYYY-MM`), every bucket of the period present. Same readings as the totals. */
export const kpiBucketSchema = z.object({
  bucket: z.string(),
  activeMembers: count,
  newMembersStore: count,
  newMembersEc: count,
  pointsEarned: count,
  pointsRedeemed: count,
  pointsExpired: count,
});
export type KpiBucket = z.infer<typeof kpiBucketSchema>;

export const kpiReportSchema = z.object({
  query: z.object({ from: z.string(), to: z.string(), shopId: z.string().nullable(), channel: kpiChannelSchema.nullable() }),
  granularity: z.enum(['day', 'month']),
  totals: kpiTotalsSchema,
  series: z.array(kpiBucketSchema),
  byRank: z.array(kpiRankRowSchema),
  cohorts: z.array(kpiCohortRowSchema),
});
export type KpiReport = z.infer<typeof kpiReportSchema>;

/** GET /api/v1/kpis.csv?figure=: one figure's table, or `all` of them one after another. */
export const KPI_CSV_FIGURES = ['all', 'totals', 'series', 'byRank', 'cohorts'] as const;
export const kpiCsvQuerySchema = z
  .object({
    from: calendarDate,
    to: calendarDate,
    shopId: z.string().min(1).max(32).optional(),
    channel: kpiChannelSchema.optional(),
    figure: z.enum(KPI_CSV_FIGURES).default('all'),
  })
  .strict()
  .refine((q) => q.from <= q.to, { message: 'from is after to', path: ['from'] })
  .refine((q) => q.from > q.to || kpiPeriodDays(q.from, q.to) <= KPI_MAX_DAYS, { message: `the period is longer than ${KPI_MAX_DAYS} days`, path: ['to'] });
export type KpiCsvFigure = (typeof KPI_CSV_FIGURES)[number];
