import { useCallback, useEffect, useState } from 'react';
import { fetchDevices } from './device-api.ts';
import { hqFailureOf, useHqApiKey, type HqApiKey, type HqFailure } from './hq-api.ts';
import { fetchLocations, fetchStaff, type Location } from './staff-api.ts';

export interface ShopRow extends Location {
  /** Enrolled and not revoked. */
  devices: number;
  /** Active accounts of this shop (hq staff belong to none). */
  staff: number;
}

export interface ShopsOverview extends HqApiKey {
  loading: boolean;
  shops: ShopRow[];
  failure: HqFailure | null;
  reload: () => void;
}

/** #/hq/shops: the locations with their counts, from the three lists HQ already reads (no shops API of its own). */
export function useShopsOverview(): ShopsOverview {
  const session = useHqApiKey();
  const { apiKey } = session;
  const [shops, setShops] = useState<ShopRow[]>([]);
  const [answered, setAnswered] = useState('');
  const [generation, setGeneration] = useState(0);
  const [failure, setFailure] = useState<HqFailure | null>(null);

  useEffect(() => {
    if (apiKey === '') return;
    let live = true;
    const load = `${apiKey}:${generation}`;
    Promise.all([fetchLocations(apiKey), fetchDevices(apiKey), fetchStaff(apiKey)])
      .then(([locations, devices, staff]) => {
        if (!live) return;
        setShops(
          locations.map((location) => ({
            ...location,
            devices: devices.filter((device) => device.shop.id === location.id && device.revokedAt === null).length,
            staff: staff.filter((member) => member.shopId === location.id && member.active).length,
          })),
        );
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
    ...session,
    loading: apiKey !== '' && answered !== `${apiKey}:${generation}`,
    shops,
    failure,
    reload,
  };
}
