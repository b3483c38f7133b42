import { loadEnrolment, lookupMembersOnline, type OnlineLookup } from '../../db/index.ts';
import type { MemberQuery } from '../../domain/member-search.ts';
import { createMemberLookupClient } from '../../sync/member-lookup.ts';
import { message, type CounterMessage } from './counter-message.ts';

/**
 * The counter's "not on this tablet" path: ask the server when the tablet is
 * online and enrolled, otherwise say at once that the member may exist
 * elsewhere (no fetch that would only time out while the customer waits).
 */
export async function searchAllMembers(query: MemberQuery): Promise<OnlineLookup> {
  if (!navigator.onLine) return { kind: 'offline' };
  const enrolment = await loadEnrolment();
  if (!enrolment) return { kind: 'offline' };
  return lookupMembersOnline(query, createMemberLookupClient({ token: enrolment.token }));
}

/** What the clerk is told when the online lookup found no one to bring up. */
export function onlineLookupMessage(outcome: Exclude<OnlineLookup, { kind: 'found' }>): CounterMessage {
  switch (outcome.kind) {
    case 'none':
      return message('error', 'memberNotFoundOnline');
    case 'offline':
      return message('error', 'notOnTablet');
    case 'refused':
      return message('error', 'onlineLookupFailed');
  }
}
