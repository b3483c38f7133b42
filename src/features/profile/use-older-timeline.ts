import { useCallback, useState } from 'react';
import { loadEnrolment } from '../../db/index.ts';
import type { TimelineItem } from '../../protocol/index.ts';
import { createMemberProfileClient } from '../../sync/member-profile-api.ts';

/** One page of older history, as the server pages it. */
export const OLDER_PAGE_SIZE = 50;

export type OlderStatus = 'idle' | 'loading' | 'offline' | 'failed' | 'end';

export interface OlderTimeline {
  /** Read online, held in memory only: older history never lands on the tablet (privacy). */
  items: TimelineItem[];
  status: OlderStatus;
  loadOlder: () => void;
}

/**
 * History older than the tablet's window, a page per tap. The first page
 * starts at the window's start (`since`), not at the oldest item shown: the
 * tablet holds point entries and orders older than that, but no purchases or
 * contacts, and those must not be skipped. Later pages follow the server's cursor.
 */
export function useOlderTimeline(memberId: string, since: string): OlderTimeline {
  const [items, setItems] = useState<TimelineItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [status, setStatus] = useState<OlderStatus>('idle');

  const loadOlder = useCallback(() => {
    if (status === 'loading' || status === 'end') return;
    if (!navigator.onLine) {
      setStatus('offline');
      return;
    }
    setStatus('loading');
    void (async () => {
      try {
        const enrolment = await loadEnrolment();
        if (!enrolment) {
          setStatus('offline');
          return;
        }
        const page = await createMemberProfileClient({ token: enrolment.token }).olderTimeline(memberId, cursor ?? since, OLDER_PAGE_SIZE);
        setItems((shown) => [...shown, ...page.items]);
        setCursor(page.nextBefore);
        setStatus(page.nextBefore === null ? 'end' : 'idle');
      } catch (error) {
        console.warn('older timeline', error);
        setStatus(navigator.onLine ? 'failed' : 'offline');
      }
    })();
  }, [memberId, since, cursor, status]);

  return { items, status, loadOlder };
}
