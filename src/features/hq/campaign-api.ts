import { apiCampaignSchema, campaignListSchema, type CampaignList, type CampaignPutRequest } from '../../protocol/index.ts';
import { callHqApi } from './hq-api.ts';

export type HqCampaign = CampaignList['campaigns'][number];

const path = (id: string) => `/api/v1/campaigns/${encodeURIComponent(id)}`;

export async function fetchCampaigns(apiKey: string): Promise<CampaignList> {
  return callHqApi(apiKey, 'GET', '/api/v1/campaigns', campaignListSchema);
}

/** Create or replace: a PUT of the same campaign twice leaves one campaign, so a retried click is harmless. */
export async function saveCampaign(apiKey: string, id: string, campaign: CampaignPutRequest): Promise<HqCampaign> {
  return callHqApi(apiKey, 'PUT', path(id), apiCampaignSchema, campaign);
}

export async function removeCampaign(apiKey: string, id: string): Promise<HqCampaign> {
  return callHqApi(apiKey, 'DELETE', path(id), apiCampaignSchema);
}
