import { useState } from 'react';
import type { DeviceSummary, EnrolmentCodeResponse } from '../../protocol/index.ts';
import { fetchDevices, fetchShops, postEnrolmentCode, postRevoke, type Shop } from './device-api.ts';
import { hqFailureOf, useHqApiKey, type HqFailure } from './hq-api.ts';
import { useHqLoad } from './use-hq-load.ts';

export type DeviceFailure = HqFailure;

export interface DeviceAdmin {
  apiKey: string;
  saveApiKey: (key: string) => void;
  forgetApiKey: () => void;
  loading: boolean;
  shops: Shop[];
  devices: DeviceSummary[];
  /** The code made last, shown until the next one. */
  code: EnrolmentCodeResponse | null;
  /** 'code' while a code is being made, or the id of a device being revoked. */
  busy: string | null;
  failure: DeviceFailure | null;
  /** The device revoked last, for the confirmation line. */
  revoked: DeviceSummary | null;
  createCode: (shopId: string) => void;
  revoke: (device: DeviceSummary) => void;
  reload: () => void;
}

const NO_SHOPS: Shop[] = [];
const NO_DEVICES: DeviceSummary[] = [];

async function loadDeviceLists(apiKey: string): Promise<{ shops: Shop[]; devices: DeviceSummary[] }> {
  const [shops, devices] = await Promise.all([fetchShops(apiKey), fetchDevices(apiKey)]);
  return { shops, devices };
}

/** #/hq/devices' state and actions; the screen only renders it. */
export function useDeviceAdmin(): DeviceAdmin {
  const session = useHqApiKey();
  const { apiKey } = session;
  const { data, failure, setFailure, loading, reload, clear } = useHqLoad(apiKey, loadDeviceLists);
  const [code, setCode] = useState<EnrolmentCodeResponse | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [revoked, setRevoked] = useState<DeviceSummary | null>(null);

  return {
    apiKey,
    saveApiKey: session.saveApiKey,
    forgetApiKey() {
      session.forgetApiKey();
      clear();
      setCode(null);
    },
    loading,
    shops: data?.shops ?? NO_SHOPS,
    devices: data?.devices ?? NO_DEVICES,
    code,
    busy,
    failure,
    revoked,
    createCode(shopId) {
      setBusy('code');
      setCode(null);
      postEnrolmentCode(apiKey, shopId)
        .then((made) => {
          setCode(made);
          setFailure(null);
        })
        .catch((error: unknown) => setFailure(hqFailureOf(error)))
        .finally(() => setBusy(null));
    },
    revoke(device) {
      setBusy(device.id);
      setRevoked(null);
      postRevoke(apiKey, device.id)
        .then((done) => {
          setRevoked(done);
          setFailure(null);
          reload();
        })
        .catch((error: unknown) => setFailure(hqFailureOf(error)))
        .finally(() => setBusy(null));
    },
    reload,
  };
}
