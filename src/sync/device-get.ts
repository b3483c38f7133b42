import type { z } from 'zod';
import { errorBodySchema, PROTOCOL_HEADER, PROTOCOL_VERSION, TenpoError } from '../protocol/index.ts';
import { TransportError } from './sync-failure.ts';

export interface DeviceGetOptions {
  /** '' = same origin, as for the sync transport. */
  baseUrl: string;
  token: string;
  /** A clerk is waiting: give up early and say so. */
  timeoutMs: number;
}

/**
 * One GET of a /sync/v1 device route that the counter waits on (online member
 * lookup, the profile's suggestions and older history). Throws TransportError
 * when the server cannot be reached (the screen then says "connect to …") and
 * TenpoError when it answered with an error; never hands an error body or an
 * unexpected answer on as a result. `what` names the call in messages.
 */
export async function deviceGet<T>(
  what: string,
  path: string,
  query: Record<string, string>,
  schema: z.ZodType<T>,
  { baseUrl, token, timeoutMs }: DeviceGetOptions,
): Promise<T> {
  const url = `${baseUrl}/sync/v1${path}?${new URLSearchParams(query).toString()}`;
  let response: Response;
  try {
    response = await fetch(url, {
      cache: 'no-store',
      headers: { authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    throw new TransportError(timedOut ? 'timeout' : 'unreachable', `${what}: ${String(error)}`);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = errorBodySchema.safeParse(body);
    if (error.success) throw new TenpoError(error.data.error, error.data.message, response.status, error.data.details);
    const gatewayDown = response.status === 502 || response.status === 503 || response.status === 504;
    throw new TransportError(gatewayDown ? 'unreachable' : 'bad-response', `${what}: HTTP ${response.status}`, response.status);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new TransportError('bad-response', `${what}: unexpected answer: ${parsed.error.message}`);
  return parsed.data;
}
