import { fetchDevices } from './device-api.ts';
import { useHqApiKey, type HqApiKey, type HqFailure } from './hq-api.ts';
import { fetchLocations, fetchStaff, type Location } from './staff-api.ts';
import { useHqLoad } from './use-hq-load.ts';

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

const NO_SHOPS: ShopRow[] = [];

async function loadShopRows(apiKey: string): Promise<ShopRow[]> {
  const [locations, devices, staff] = await Promise.all([fetchLocations(apiKey), fetchDevices(apiKey), fetchStaff(apiKey)]);
  return locations.map((location) => ({
    ...location,
    devices: devices.filter((device) => device.shop.id === location.id && device.revokedAt === null).length,
    staff: staff.filter((member) => member.shopId === location.id && member.active).length,
  }));
}

/** #/hq/shops: the locations with their counts, from the three lists HQ already reads (no shops API of its own). */
export function useShopsOverview(): ShopsOverview {
  const session = useHqApiKey();
  const { apiKey } = session;
  const { data, failure, loading, reload } = useHqLoad(apiKey, loadShopRows);
  return {
    ...session,
    loading,
    shops: data ?? NO_SHOPS,
    failure,
    reload,
  };
}
