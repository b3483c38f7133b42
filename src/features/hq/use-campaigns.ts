import { useCallback, useEffect, useState } from 'react';
import type { CampaignPutRequest } from '../../protocol/index.ts';
import { fetchCampaigns, removeCampaign, saveCampaign, type HqCampaign } from './campaign-api.ts';
import { fetchShops, type Shop } from './device-api.ts';
import { hqFailureOf, useHqApiKey, type HqFailure } from './hq-api.ts';

export interface Campaigns {
  apiKey: string;
  saveApiKey: (key: string) => void;
  forgetApiKey: () => void;
  campaigns: HqCampaign[];
  rankIds: string[];
  shops: Shop[];
  loading: boolean;
  /** The id being saved or removed. */
  busy: string | null;
  failure: HqFailure | null;
  /** What was done last, for the confirmation line. */
  notice: { kind: 'saved' | 'removed'; name: string } | null;
  save: (id: string, campaign: CampaignPutRequest) => Promise<boolean>;
  remove: (campaign: HqCampaign) => void;
}

/** #/hq/campaigns' state and actions; the screen only renders it. */
export function useCampaigns(): Campaigns {
  const session = useHqApiKey();
  const { apiKey } = session;
  const [campaigns, setCampaigns] = useState<HqCampaign[]>([]);
  const [rankIds, setRankIds] = useState<string[]>([]);
  const [shops, setShops] = useState<Shop[]>([]);
  const [answered, setAnswered] = useState('');
  const [generation, setGeneration] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<HqFailure | null>(null);
  const [notice, setNotice] = useState<Campaigns['notice']>(null);

  useEffect(() => {
    if (apiKey === '') return;
    let live = true;
    const load = `${apiKey}:${generation}`;
    Promise.all([fetchCampaigns(apiKey), fetchShops(apiKey)])
      .then(([list, foundShops]) => {
        if (!live) return;
        setCampaigns(list.campaigns);
        setRankIds(list.rankIds);
        setShops(foundShops);
        setFailure(null);
      })
      .catch((error: unknown) => {
        if (live) setFailure(hqFailureOf(error));
      })
      .finally(() => {
        if (live) setAnswered(load);
      });
    return () => {
      live = false;
    };
  }, [apiKey, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);

  return {
    apiKey,
    saveApiKey: session.saveApiKey,
    forgetApiKey() {
      session.forgetApiKey();
      setCampaigns([]);
    },
    campaigns,
    rankIds,
    shops,
    loading: apiKey !== '' && answered !== `${apiKey}:${generation}`,
    busy,
    failure,
    notice,
    async save(id, campaign) {
      setBusy(id);
      setNotice(null);
      try {
        const saved = await saveCampaign(apiKey, id, campaign);
        setFailure(null);
        setNotice({ kind: 'saved', name: saved.name });
        reload();
        return true;
      } catch (error) {
        setFailure(hqFailureOf(error));
        return false;
      } finally {
        setBusy(null);
      }
    },
    remove(campaign) {
      setBusy(campaign.id);
      setNotice(null);
      removeCampaign(apiKey, campaign.id)
        .then(() => {
          setFailure(null);
          setNotice({ kind: 'removed', name: campaign.name });
          reload();
        })
        .catch((error: unknown) => setFailure(hqFailureOf(error)))
        .finally(() => setBusy(null));
    },
  };
}
