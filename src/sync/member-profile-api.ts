import type { z } from 'zod';
import {
  errorBodySchema,
  MEMBER_SUGGESTIONS_PATH,
  MEMBER_TIMELINE_PATH,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  suggestionsSchema,
  TenpoError,
  timelineSchema,
  type Suggestions,
  type Timeline,
} from '../protocol/index.ts';
import { TransportError } from './sync-failure.ts';

/**
 * The profile's online reads (issue 9): suggestions and older history. Both are
 * shown and forgotten, never stored on the tablet. Errors as in
 * member-lookup.ts: TransportError when the server cannot be reached,
 * TenpoError when it answered with one.
 */
export interface MemberProfileClient {
  suggestions(memberId: string, shopId: string): Promise<Suggestions>;
  olderTimeline(memberId: string, before: string, limit: number): Promise<Timeline>;
}

export interface MemberProfileClientOptions {
  /** '' = same origin, as for the sync transport. */
  baseUrl?: string;
  token: string;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

export function createMemberProfileClient({ baseUrl = '', token, timeoutMs = DEFAULT_TIMEOUT_MS }: MemberProfileClientOptions): MemberProfileClient {
  async function get<T>(what: string, path: string, query: Record<string, string>, schema: z.ZodType<T>): Promise<T> {
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
  const memberPath = (template: string, memberId: string): string => template.replace(':memberId', encodeURIComponent(memberId));
  return {
    suggestions: (memberId, shopId) => get('suggestions', memberPath(MEMBER_SUGGESTIONS_PATH, memberId), { shopId }, suggestionsSchema),
    olderTimeline: (memberId, before, limit) =>
      get('timeline', memberPath(MEMBER_TIMELINE_PATH, memberId), { before, limit: String(limit) }, timelineSchema),
  };
}
