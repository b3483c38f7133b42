import { useEffect, useState } from 'react';
import type { AuditAlerts, AuditRecord } from '../../protocol/index.ts';
import { fetchAuditAlerts, fetchAuditPage, NO_FILTERS, type AuditFilters } from './audit-api.ts';
import { hqFailureOf, useHqApiKey, type HqFailure } from './hq-api.ts';

export type AuditFailure = HqFailure;

export interface AuditLog {
  apiKey: string;
  saveApiKey: (key: string) => void;
  forgetApiKey: () => void;
  /** The filters the shown results were searched with. */
  filters: AuditFilters;
  search: (filters: AuditFilters) => void;
  /** The next, older page, appended. */
  more: () => void;
  events: AuditRecord[];
  hasMore: boolean;
  alerts: AuditAlerts | null;
  loading: boolean;
  failure: AuditFailure | null;
}

interface Request {
  /** Increases with every search and every "more": which answer is current. */
  id: number;
  filters: AuditFilters;
  /** null: the first page (and the alerts); else the page after it. */
  cursor: string | null;
}

/** The audit screen's state: a search with its pages, and the alert over the same period. */
export function useAuditLog(): AuditLog {
  const session = useHqApiKey();
  const { apiKey } = session;
  const [request, setRequest] = useState<Request>({ id: 0, filters: NO_FILTERS, cursor: null });
  const [events, setEvents] = useState<AuditRecord[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [alerts, setAlerts] = useState<AuditAlerts | null>(null);
  // Which request answered last: loading is "the current one has not", with no setState in the effect body.
  const [answered, setAnswered] = useState(-1);
  const [failure, setFailure] = useState<AuditFailure | null>(null);

  useEffect(() => {
    if (apiKey === '') return;
    let live = true;
    const first = request.cursor === null;
    Promise.all([fetchAuditPage(apiKey, request.filters, request.cursor), first ? fetchAuditAlerts(apiKey, request.filters) : Promise.resolve(null)])
      .then(([page, found]) => {
        if (!live) return;
        setEvents((shown) => (first ? page.events : [...shown, ...page.events]));
        setNextCursor(page.nextCursor);
        if (found) setAlerts(found);
        setFailure(null);
      })
      .catch((error: unknown) => {
        if (live) setFailure(hqFailureOf(error));
      })
      .finally(() => {
        if (live) setAnswered(request.id);
      });
    // A new search or key makes this answer stale: it must not land over the newer one.
    return () => {
      live = false;
    };
  }, [apiKey, request]);

  return {
    apiKey,
    saveApiKey: session.saveApiKey,
    forgetApiKey() {
      session.forgetApiKey();
      setEvents([]);
      setAlerts(null);
    },
    filters: request.filters,
    search: (filters) => setRequest((current) => ({ id: current.id + 1, filters, cursor: null })),
    more: () => {
      if (nextCursor !== null) setRequest((current) => ({ id: current.id + 1, filters: current.filters, cursor: nextCursor }));
    },
    events,
    hasMore: nextCursor !== null,
    alerts,
    loading: apiKey !== '' && answered !== request.id,
    failure,
  };
}
