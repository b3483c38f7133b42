import {
  errorBodySchema,
  MEMBER_LOOKUP_PATH,
  memberLookupResponseSchema,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  TenpoError,
  type MemberLookupResponse,
} from '../protocol/index.ts';
import { TransportError } from './sync-failure.ts';

/** Asks the server for members this tablet does not hold (GET /sync/v1/members/lookup). */
export type OnlineMemberLookup = (typed: string) => Promise<MemberLookupResponse>;

export interface MemberLookupClientOptions {
  /** '' = same origin, as for the sync transport. */
  baseUrl?: string;
  token: string;
  /** The clerk is waiting at the counter: give up early and say so. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 8_000;

/**
 * Throws TransportError when the server cannot be reached (the counter then
 * says "connect to search all members") and TenpoError when it answered with
 * an error; never hands an error body on as an answer.
 */
export function createMemberLookupClient({ baseUrl = '', token, timeoutMs = DEFAULT_TIMEOUT_MS }: MemberLookupClientOptions): OnlineMemberLookup {
  return async (typed) => {
    const url = `${baseUrl}/sync/v1${MEMBER_LOOKUP_PATH}?${new URLSearchParams({ q: typed }).toString()}`;
    let response: Response;
    try {
      response = await fetch(url, {
        cache: 'no-store',
        headers: { authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      throw new TransportError(timedOut ? 'timeout' : 'unreachable', `member lookup: ${String(error)}`);
    }
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = errorBodySchema.safeParse(body);
      if (error.success) throw new TenpoError(error.data.error, error.data.message, response.status, error.data.details);
      const gatewayDown = response.status === 502 || response.status === 503 || response.status === 504;
      throw new TransportError(gatewayDown ? 'unreachable' : 'bad-response', `member lookup: HTTP ${response.status}`, response.status);
    }
    const parsed = memberLookupResponseSchema.safeParse(body);
    if (!parsed.success) throw new TransportError('bad-response', `member lookup: unexpected answer: ${parsed.error.message}`);
    return parsed.data;
  };
}
