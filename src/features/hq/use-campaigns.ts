import type { CampaignPutRequest } from '../../protocol/index.ts';
import { fetchCampaigns, removeCampaign, saveCampaign, type HqCampaign } from './campaign-api.ts';
import { fetchShops, type Shop } from './device-api.ts';
import { useHqApiKey, type HqFailure } from './hq-api.ts';
import { useHqLoad } from './use-hq-load.ts';
import { useHqNamedEdits, type HqNamedEdits } from './use-hq-named-edits.ts';

export interface Campaigns extends HqNamedEdits<HqCampaign, CampaignPutRequest> {
  apiKey: string;
  saveApiKey: (key: string) => void;
  forgetApiKey: () => void;
  campaigns: HqCampaign[];
  rankIds: string[];
  shops: Shop[];
  loading: boolean;
  failure: HqFailure | null;
}

interface CampaignLists {
  campaigns: HqCampaign[];
  rankIds: string[];
  shops: Shop[];
}

const NO_LISTS: CampaignLists = { campaigns: [], rankIds: [], shops: [] };
const CAMPAIGN_CALLS = { put: saveCampaign, remove: removeCampaign };

async function loadCampaignLists(apiKey: string): Promise<CampaignLists> {
  const [list, shops] = await Promise.all([fetchCampaigns(apiKey), fetchShops(apiKey)]);
  return { campaigns: list.campaigns, rankIds: list.rankIds, shops };
}

/** #/hq/campaigns' state and actions; the screen only renders it. */
export function useCampaigns(): Campaigns {
  const session = useHqApiKey();
  const { apiKey } = session;
  const { data, failure, setFailure, loading, reload, clear } = useHqLoad(apiKey, loadCampaignLists);
  const edits = useHqNamedEdits<HqCampaign, CampaignPutRequest>(apiKey, CAMPAIGN_CALLS, reload, setFailure);
  const lists = data ?? NO_LISTS;
  return {
    ...edits,
    apiKey,
    saveApiKey: session.saveApiKey,
    forgetApiKey() {
      session.forgetApiKey();
      clear();
    },
    ...lists,
    loading,
    failure,
  };
}
