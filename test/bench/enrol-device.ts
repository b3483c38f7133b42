import type { EnrolResponse } from '../../src/protocol/index.ts';

/** Enrols a bench device with a shop's code over HTTP, as a tablet's first start does. */
export async function enrolDevice(url: string, code: string, deviceName: string): Promise<EnrolResponse> {
  const res = await fetch(`${url}/sync/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deviceName }) });
  if (!res.ok) throw new Error(`enrol failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as EnrolResponse;
}
