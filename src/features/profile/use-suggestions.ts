import { useEffect, useState } from 'react';
import { loadEnrolment } from '../../db/index.ts';
import type { Suggestion } from '../../protocol/index.ts';
import { createMemberProfileClient } from '../../sync/member-profile-api.ts';
import { useOnline } from '../card/use-online.ts';

export type SuggestionsState =
  | { status: 'loading' }
  | { status: 'offline' }
  | { status: 'failed' }
  | { status: 'ready'; suggestions: Suggestion[] };

type Answer = { key: string; suggestions: Suggestion[] | null };

/**
 * Products the member may want (computed on the server, issue 9), read online
 * when the profile opens or the network comes back; offline there are none,
 * and the profile says why instead of showing an error.
 */
export function useSuggestions(memberId: string, shopId: string): SuggestionsState {
  const online = useOnline();
  const key = `${memberId}@${shopId}`;
  const [answer, setAnswer] = useState<Answer | null>(null);

  useEffect(() => {
    if (!online) return undefined;
    let live = true;
    loadEnrolment()
      .then((enrolment) => {
        if (!enrolment) throw new Error('not enrolled');
        return createMemberProfileClient({ token: enrolment.token }).suggestions(memberId, shopId);
      })
      .then((found) => {
        if (live) setAnswer({ key, suggestions: found.suggestions });
      })
      .catch((error: unknown) => {
        console.warn('suggestions', error);
        if (live) setAnswer({ key, suggestions: null });
      });
    return () => {
      live = false;
    };
  }, [key, memberId, shopId, online]);

  const current = answer?.key === key ? answer : null;
  if (current?.suggestions) return { status: 'ready', suggestions: current.suggestions };
  if (!online) return { status: 'offline' };
  if (current) return { status: 'failed' };
  return { status: 'loading' };
}
