import type { CampaignPutRequest, PointsPolicy } from '../../src/protocol/index.ts';
import { TenpoError } from '../../src/protocol/index.ts';
import type { Queryable } from '../store/sql.ts';
import { pointsPolicy, setPointsPolicy } from './settings.ts';
import type { WriteContext } from './write-transaction.ts';

type Campaign = PointsPolicy['campaigns'][number];

/**
 * HQ's campaigns (issue 10): entries of the points policy's `campaigns`, in
 * the one `settings` document tablets pull. Every write replaces the whole
 * policy inside the caller's write transaction (which holds the sync write
 * lock, so two HQ edits cannot lose each other's campaign) and marks
 * `settings` changed: the document gets a new seq and every tablet's stream
 * hears of it.
 */
export async function listCampaigns(sql: Queryable): Promise<{ campaigns: Campaign[]; rankIds: string[] }> {
  const policy = await pointsPolicy(sql);
  return { campaigns: policy.campaigns, rankIds: policy.ranks.map((rank) => rank.id) };
}

/** Creates or replaces one campaign; unknown shops or ranks are refused before anything is written. */
export async function putCampaign(ctx: WriteContext, id: string, request: CampaignPutRequest): Promise<{ campaign: Campaign; created: boolean }> {
  const policy = await pointsPolicy(ctx.tx);
  await requireShops(ctx.tx, request.shopIds ?? []);
  requireRanks(policy, request.rankIds ?? []);
  const campaign: Campaign = {
    id,
    name: request.name,
    multiplier: request.multiplier,
    from: request.from,
    to: request.to,
    channel: request.channel,
    // Empty lists mean "every": stored absent, as the rules read them.
    ...(request.shopIds?.length ? { shopIds: [...new Set(request.shopIds)] } : {}),
    ...(request.rankIds?.length ? { rankIds: [...new Set(request.rankIds)] } : {}),
  };
  const created = !policy.campaigns.some((c) => c.id === id);
  const campaigns = created ? [...policy.campaigns, campaign] : policy.campaigns.map((c) => (c.id === id ? campaign : c));
  await setPointsPolicy(ctx.tx, { ...policy, campaigns });
  ctx.changed.add('settings');
  return { campaign, created };
}

/**
 * Removes a campaign: it stops applying on the server and, after their next
 * sync, on the tablets. Entries already posted keep its id (the ledger is
 * append-only); an HQ that wants the name kept ends it with a PUT of `to`.
 */
export async function deleteCampaign(ctx: WriteContext, id: string): Promise<Campaign> {
  const policy = await pointsPolicy(ctx.tx);
  const campaign = policy.campaigns.find((c) => c.id === id);
  if (!campaign) throw new TenpoError('not-found', `no campaign ${id}`);
  await setPointsPolicy(ctx.tx, { ...policy, campaigns: policy.campaigns.filter((c) => c.id !== id) });
  ctx.changed.add('settings');
  return campaign;
}

async function requireShops(tx: Queryable, shopIds: readonly string[]): Promise<void> {
  if (shopIds.length === 0) return;
  const { rows } = await tx.query<{ id: string }>('select id from locations where id = any($1::text[])', [[...shopIds]]);
  const known = new Set(rows.map((row) => row.id));
  const details = shopIds.flatMap((shopId, index) => (known.has(shopId) ? [] : [{ path: `shopIds.${index}`, message: `no shop "${shopId}"` }]));
  if (details.length > 0) throw new TenpoError('unprocessable', 'unknown shop', 422, details);
}

function requireRanks(policy: PointsPolicy, rankIds: readonly string[]): void {
  const known = new Set(policy.ranks.map((rank) => rank.id));
  const details = rankIds.flatMap((rankId, index) => (known.has(rankId) ? [] : [{ path: `rankIds.${index}`, message: `no rank "${rankId}"` }]));
  if (details.length > 0) throw new TenpoError('unprocessable', 'unknown rank', 422, details);
}
