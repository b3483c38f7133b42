import { useMemo } from 'react';
import { useObservable, valueOf } from '../db/hooks/use-observable.ts';
import { DEFAULT_DEVICE_POLICY, type DevicePolicy } from '../protocol/index.ts';
import { observeDevicePolicy, observeShopStaff, type ShopStaff } from './staff-records.ts';

/** This tablet's staff as last synced; undefined while loading. */
export function useShopStaff(): ShopStaff | undefined {
  const source$ = useMemo(() => observeShopStaff(), []);
  return valueOf(useObservable(source$));
}

/** The device policy as last synced; the defaults until the first sync. */
export function useDevicePolicy(): DevicePolicy {
  const source$ = useMemo(() => observeDevicePolicy(), []);
  return valueOf(useObservable(source$)) ?? DEFAULT_DEVICE_POLICY;
}
