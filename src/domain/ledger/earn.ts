import { pointsForPurchase } from '../points.ts';
import { pickCampaign, type Campaign } from './campaigns.ts';
import type { RankTier } from './rank.ts';
import type { Channel, IsoTime } from './types.ts';

export interface EarnInput {
  readonly amountYen: number;
  readonly yenPerPoint: number;
  readonly rank: Pick<RankTier, 'id' | 'multiplier'>;
  readonly campaigns: readonly Campaign[];
  readonly channel: Channel;
  readonly shopId: string;
  readonly at: IsoTime;
}

/** What an earn entry records about how its points were computed. */
export interface EarnResult {
  readonly points: number;
  /** One point per `yenPerPoint` yen, fractions dropped. */
  readonly basePoints: number;
  readonly rankId: string;
  readonly rankMultiplier: number;
  readonly campaignId?: string;
  /** 1 when no campaign applied. */
  readonly campaignMultiplier: number;
  readonly totalMultiplier: number;
  /** For the audit trail, e.g. "32 pt × (rank gold 2 + campaign dbl-1103 +1) = 96 pt". */
  readonly rule: string;
}

/**
 * Multipliers are handled in thousandths as integers: 1.15 × 100 is
 * 114.99999999999999 in floating point, and flooring that would lose a point.
 * Multipliers finer than 0.001 are rounded to it.
 */
function permille(multiplier: number): number {
  return Math.round(multiplier * 1000);
}

function show(permilleValue: number): string {
  return String(permilleValue / 1000);
}

/**
 * Points for a purchase. Rank and campaign bonuses are each paid on the base
 * points and added, not multiplied: a gold member (2×) on a double points day
 * (2×) gets base × (2 + 1) = 3×, not 4×. Multiplying compounds two budgets
 * set by different people into a cost neither planned — the same reason only
 * the best campaign applies (see pickCampaign). The total is floored: points
 * are never rounded up.
 */
export function computeEarn(input: EarnInput): EarnResult {
  const basePoints = pointsForPurchase(input.amountYen, input.yenPerPoint);
  const rankPermille = permille(input.rank.multiplier);
  if (!(rankPermille > 0)) throw new RangeError(`rank ${input.rank.id}: multiplier must be positive`);
  const campaign = pickCampaign(input.campaigns, {
    at: input.at,
    channel: input.channel,
    shopId: input.shopId,
    rankId: input.rank.id,
  });
  const campaignPermille = campaign ? permille(campaign.multiplier) : 1000;
  const totalPermille = rankPermille + campaignPermille - 1000;
  const points = Math.floor((basePoints * totalPermille) / 1000);

  const rankPart = `rank ${input.rank.id} ${show(rankPermille)}`;
  const rule = campaign
    ? `${basePoints} pt × (${rankPart} + campaign ${campaign.id} +${show(campaignPermille - 1000)}) = ${points} pt`
    : `${basePoints} pt × ${rankPart} = ${points} pt`;

  return {
    points,
    basePoints,
    rankId: input.rank.id,
    rankMultiplier: rankPermille / 1000,
    ...(campaign ? { campaignId: campaign.id } : {}),
    campaignMultiplier: campaignPermille / 1000,
    totalMultiplier: totalPermille / 1000,
    rule,
  };
}
