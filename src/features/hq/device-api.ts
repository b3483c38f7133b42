import {
  apiLocationsSchema,
  deviceListSchema,
  deviceSummarySchema,
  enrolmentCodeSchema,
  type DeviceSummary,
  type EnrolmentCodeResponse,
} from '../../protocol/index.ts';
import { callHqApi } from './hq-api.ts';

export interface Shop {
  id: string;
  name: string;
}

/** Enrolment codes are for shops: the EC warehouse has no counter tablet. */
export async function fetchShops(apiKey: string): Promise<Shop[]> {
  const locations = await callHqApi(apiKey, 'GET', '/api/v1/locations', apiLocationsSchema);
  return locations.filter((location) => location.kind === 'store').map(({ id, name }) => ({ id, name }));
}

export async function fetchDevices(apiKey: string): Promise<DeviceSummary[]> {
  return (await callHqApi(apiKey, 'GET', '/api/v1/devices', deviceListSchema)).devices;
}

export async function postEnrolmentCode(apiKey: string, shopId: string): Promise<EnrolmentCodeResponse> {
  return callHqApi(apiKey, 'POST', '/api/v1/enrolment-codes', enrolmentCodeSchema, { shopId });
}

/** Revoking twice is harmless on the server, so a retried click needs no key of its own. */
export async function postRevoke(apiKey: string, deviceId: string): Promise<DeviceSummary> {
  return callHqApi(apiKey, 'POST', `/api/v1/devices/${encodeURIComponent(deviceId)}/revoke`, deviceSummarySchema, {});
}
