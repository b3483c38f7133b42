import { apiLocationsSchema, staffListSchema, staffSummarySchema, type StaffPutRequest, type StaffSummary } from '../../protocol/index.ts';
import { callHqApi } from './hq-api.ts';

export interface Location {
  id: string;
  kind: string;
  name: string;
}

export async function fetchLocations(apiKey: string): Promise<Location[]> {
  return callHqApi(apiKey, 'GET', '/api/v1/locations', apiLocationsSchema);
}

export async function fetchStaff(apiKey: string): Promise<StaffSummary[]> {
  return (await callHqApi(apiKey, 'GET', '/api/v1/staff', staffListSchema)).staff;
}

/** Create or update: the same PUT; a retried save writes the same thing again. */
export async function putStaff(apiKey: string, staffId: string, request: StaffPutRequest): Promise<StaffSummary> {
  return callHqApi(apiKey, 'PUT', `/api/v1/staff/${encodeURIComponent(staffId)}`, staffSummarySchema, request);
}
