import { useCallback, useEffect, useState } from 'react';
import type { DeviceSummary, EnrolmentCodeResponse } from '../../protocol/index.ts';
import { fetchDevices, fetchShops, postEnrolmentCode, postRevoke, type Shop } from './device-api.ts';
import { hqFailureOf, useHqApiKey, type HqFailure } from './hq-api.ts';

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

/** #/hq/devices' state and actions; the screen only renders it. */
export function useDeviceAdmin(): DeviceAdmin {
  const session = useHqApiKey();
  const { apiKey } = session;
  const [shops, setShops] = useState<Shop[]>([]);
  const [devices, setDevices] = useState<DeviceSummary[]>([]);
  // Which load answered last: loading is "the current one has not", with no setState in the effect body.
  const [answered, setAnswered] = useState('');
  const [generation, setGeneration] = useState(0);
  const [code, setCode] = useState<EnrolmentCodeResponse | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<DeviceFailure | null>(null);
  const [revoked, setRevoked] = useState<DeviceSummary | null>(null);

  useEffect(() => {
    if (apiKey === '') return;
    let live = true;
    const load = `${apiKey}:${generation}`;
    Promise.all([fetchShops(apiKey), fetchDevices(apiKey)])
      .then(([foundShops, foundDevices]) => {
        if (!live) return;
        setShops(foundShops);
        setDevices(foundDevices);
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

  const loading = apiKey !== '' && answered !== `${apiKey}:${generation}`;
  const reload = useCallback(() => setGeneration((n) => n + 1), []);

  return {
    apiKey,
    saveApiKey: session.saveApiKey,
    forgetApiKey() {
      session.forgetApiKey();
      setShops([]);
      setDevices([]);
      setCode(null);
    },
    loading,
    shops,
    devices,
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
