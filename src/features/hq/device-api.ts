import type { z } from 'zod';
import {
  apiLocationsSchema,
  deviceListSchema,
  deviceSummarySchema,
  enrolmentCodeSchema,
  errorBodySchema,
  TenpoError,
  type DeviceSummary,
  type EnrolmentCodeResponse,
} from '../../protocol/index.ts';

/** The network could not be used (offline, server down): the screen says "try again". */
export class DeviceApiNetworkError extends Error {
  override name = 'DeviceApiNetworkError';
}

export interface Shop {
  id: string;
  name: string;
}

/**
 * The device screen's calls to /api/v1 (enrolment codes, devices). Every
 * answer is checked against the protocol schema; an error body becomes the
 * TenpoError it names.
 */
async function call<S extends z.ZodType>(apiKey: string, method: 'GET' | 'POST', path: string, schema: S, body?: unknown): Promise<z.output<S>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      cache: 'no-store',
      headers: { authorization: `Bearer ${apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new DeviceApiNetworkError(String(error));
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = errorBodySchema.safeParse(json);
    if (parsed.success) throw new TenpoError(parsed.data.error, parsed.data.message, response.status, parsed.data.details);
    throw new DeviceApiNetworkError(`HTTP ${response.status}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new DeviceApiNetworkError('unexpected answer from the server');
  return parsed.data;
}

/** Enrolment codes are for shops: the EC warehouse has no counter tablet. */
export async function fetchShops(apiKey: string): Promise<Shop[]> {
  const locations = await call(apiKey, 'GET', '/api/v1/locations', apiLocationsSchema);
  return locations.filter((location) => location.kind === 'store').map(({ id, name }) => ({ id, name }));
}

export async function fetchDevices(apiKey: string): Promise<DeviceSummary[]> {
  return (await call(apiKey, 'GET', '/api/v1/devices', deviceListSchema)).devices;
}

export async function postEnrolmentCode(apiKey: string, shopId: string): Promise<EnrolmentCodeResponse> {
  return call(apiKey, 'POST', '/api/v1/enrolment-codes', enrolmentCodeSchema, { shopId });
}

/** Revoking twice is harmless on the server, so a retried click needs no key of its own. */
export async function postRevoke(apiKey: string, deviceId: string): Promise<DeviceSummary> {
  return call(apiKey, 'POST', `/api/v1/devices/${encodeURIComponent(deviceId)}/revoke`, deviceSummarySchema, {});
}
