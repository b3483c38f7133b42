import { useState } from 'react';
import { z } from 'zod';
import { errorBodySchema, HQ_SESSION_TOKEN_PREFIX, hqSessionSchema, TenpoError, type HqSession } from '../../protocol/index.ts';

/** The network could not be used (offline, server down, not a Tenpo answer): the screen says "try again". */
export class HqNetworkError extends Error {
  override name = 'HqNetworkError';
}

/** What every HQ screen tells its user about a failed call. */
export type HqFailure = { kind: 'network' } | { kind: 'unauthorized' } | { kind: 'refused'; code: string; message: string };

export function hqFailureOf(error: unknown): HqFailure {
  if (error instanceof TenpoError) return error.code === 'unauthorized' ? { kind: 'unauthorized' } : { kind: 'refused', code: error.code, message: error.message };
  if (error instanceof HqNetworkError) return { kind: 'network' };
  return { kind: 'refused', code: 'internal', message: String(error) };
}

/**
 * One /api/v1 call from an HQ screen with the tab's credential (an HQ
 * session token or an API key; '' = none, for the sign-in itself). The answer
 * is checked against the protocol schema; an error body becomes the
 * TenpoError it names, anything else an HqNetworkError.
 */
export async function callHqApi<S extends z.ZodType>(apiKey: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, schema: S, body?: unknown): Promise<z.output<S>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      cache: 'no-store',
      headers: { ...(apiKey === '' ? {} : { authorization: `Bearer ${apiKey}` }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new HqNetworkError(String(error));
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = errorBodySchema.safeParse(json);
    if (parsed.success) throw new TenpoError(parsed.data.error, parsed.data.message, response.status, parsed.data.details);
    throw new HqNetworkError(`HTTP ${response.status}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new HqNetworkError('unexpected answer from the server');
  return parsed.data;
}

/** Issue 10: HQ staff sign in with their staff id and PIN; the session token becomes the tab's credential. */
export function requestHqSession(staffId: string, pin: string): Promise<HqSession> {
  return callHqApi('', 'POST', '/api/v1/hq-sessions', hqSessionSchema, { staffId, pin });
}

/** Sign-out ends a session on the server too; an API key is only forgotten (it belongs to the integration, not to this tab). */
function endHqSession(credential: string): void {
  if (!credential.startsWith(HQ_SESSION_TOKEN_PREFIX)) return;
  // Best effort: offline, the token still dies at its expiry; the tab forgets it either way.
  callHqApi(credential, 'DELETE', '/api/v1/hq-sessions/current', z.null()).catch(() => undefined);
}

/** One credential for every HQ screen of the tab: HQ signs in once. Session storage, so it goes with the tab. */
const API_KEY_STORAGE = 'tenpo.hq.apiKey';

function readKey(): string {
  try {
    return sessionStorage.getItem(API_KEY_STORAGE) ?? '';
  } catch {
    return '';
  }
}

function writeKey(key: string): void {
  try {
    if (key === '') sessionStorage.removeItem(API_KEY_STORAGE);
    else sessionStorage.setItem(API_KEY_STORAGE, key);
  } catch {
    // Private mode: the key lives as long as the page, which is enough.
  }
}

export interface HqApiKey {
  apiKey: string;
  saveApiKey: (key: string) => void;
  forgetApiKey: () => void;
}

export function useHqApiKey(): HqApiKey {
  const [apiKey, setApiKey] = useState(readKey);
  return {
    apiKey,
    saveApiKey(key) {
      writeKey(key);
      setApiKey(key);
    },
    forgetApiKey() {
      endHqSession(readKey());
      writeKey('');
      setApiKey('');
    },
  };
}
