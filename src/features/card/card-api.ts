import type { z } from 'zod';
import {
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  TenpoError,
  cardKeyRegisteredSchema,
  cardPairingSchema,
  errorBodySchema,
  type CardKeyRegistered,
  type CardPairing,
} from '../../protocol/index.ts';

/** The network could not be used (offline, server down): the UI says "try again", not "wrong code". */
export class CardNetworkError extends Error {
  override name = 'CardNetworkError';
}

async function post<T>(path: string, body: unknown, schema: z.ZodType<T>, headers: Record<string, string> = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      cache: 'no-store',
      headers: { 'content-type': 'application/json', [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new CardNetworkError(String(error));
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = errorBodySchema.safeParse(json);
    if (parsed.success) throw new TenpoError(parsed.data.error, parsed.data.message, response.status, parsed.data.details);
    throw new CardNetworkError(`HTTP ${response.status}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new CardNetworkError('unexpected answer from the server');
  return parsed.data;
}

/** The phone registers its public key with the pairing code (no token: the code is the proof). */
export function registerCardKey(code: string, publicKey: { x: string; y: string }): Promise<CardKeyRegistered> {
  return post('/card/v1/keys', { code, publicKey }, cardKeyRegisteredSchema);
}

/** The tablet asks for a one-time pairing code for the member at its counter. */
export function requestCardPairing(token: string, memberId: string): Promise<CardPairing> {
  return post('/sync/v1/card-pairings', { memberId }, cardPairingSchema, { authorization: `Bearer ${token}` });
}
