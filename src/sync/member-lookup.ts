import { MEMBER_LOOKUP_PATH, memberLookupResponseSchema, type MemberLookupResponse } from '../protocol/index.ts';
import { deviceGet } from './device-get.ts';

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
  return (typed) => deviceGet('member lookup', MEMBER_LOOKUP_PATH, { q: typed }, memberLookupResponseSchema, { baseUrl, token, timeoutMs });
}
