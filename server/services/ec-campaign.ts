import { pickCampaign } from '../../src/domain/ledger/index.ts';
import { campaignsOf } from '../../src/domain/points.ts';
import type { PointEntry, PointEntryRequest } from '../../src/protocol/index.ts';
import type { Queryable } from '../store/sql.ts';
import { pointsPolicy } from './settings.ts';

/** The ledger's ceiling for one entry (pointEntryDraftSchema): a huge base × 10 must still post. */
const MAX_ENTRY_POINTS = 10_000_000;

export interface CampaignEarn {
  points: number;
  campaignId?: string;
  rule?: string;
}

/**
 * Issue 10: campaigns are shared by the shops and the EC site. A tablet
 * applies them itself (its points already include the campaign); the EC site
 * sends the points of its own rate and rank, and the server adds the bonus of
 * the best campaign running for the EC channel now (JST day, shop, rank), the
 * same pick the counter makes. Points are floored, as at the counter.
 */
export async function ecCampaignEarn(tx: Queryable, memberId: string, request: PointEntryRequest, at: string): Promise<CampaignEarn> {
  if (request.type !== 'earn' || request.channel !== 'ec') return { points: request.points };
  const policy = await pointsPolicy(tx);
  const { rows } = await tx.query<{ rank: string }>('select rank from point_accounts where member_id = $1', [memberId]);
  const rankId = rows[0]?.rank ?? policy.ranks[0]?.id ?? 'regular';
  const campaign = pickCampaign(campaignsOf(policy), { at, channel: 'ec', shopId: request.shopId ?? '', rankId });
  if (!campaign) return { points: request.points };
  const points = Math.min(MAX_ENTRY_POINTS, Math.floor((request.points * Math.round(campaign.multiplier * 1000)) / 1000));
  return { points, campaignId: campaign.id, rule: `${request.points} pt × campaign ${campaign.id} ${campaign.multiplier} = ${points} pt` };
}

/** A retry of an EC earn a campaign multiplied: the stored entry's points are the bonus'd ones, its rule names the points sent. */
export function sentPointsMatch(stored: PointEntry, sentPoints: number): boolean {
  const ruled = stored.campaignId === undefined ? null : /^(\d+) pt × campaign /.exec(stored.rule ?? '');
  return ruled ? Number(ruled[1]) === sentPoints : stored.points === sentPoints;
}
