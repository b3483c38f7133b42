import { MEMBER_SUGGESTIONS_PATH, MEMBER_TIMELINE_PATH, suggestionsSchema, timelineSchema, type Suggestions, type Timeline } from '../protocol/index.ts';
import { deviceGet } from './device-get.ts';

/**
 * The profile's online reads (issue 9): suggestions and older history. Both are
 * shown and forgotten, never stored on the tablet. Errors as in
 * device-get.ts: TransportError when the server cannot be reached,
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
  const options = { baseUrl, token, timeoutMs };
  const memberPath = (template: string, memberId: string): string => template.replace(':memberId', encodeURIComponent(memberId));
  return {
    suggestions: (memberId, shopId) => deviceGet('suggestions', memberPath(MEMBER_SUGGESTIONS_PATH, memberId), { shopId }, suggestionsSchema, options),
    olderTimeline: (memberId, before, limit) =>
      deviceGet('timeline', memberPath(MEMBER_TIMELINE_PATH, memberId), { before, limit: String(limit) }, timelineSchema, options),
  };
}
