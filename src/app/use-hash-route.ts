import { useEffect, useState } from 'react';

/** Screens of an enrolled tablet. */
export const TABLET_ROUTES = ['counter', 'stock', 'register', 'migrate', 'settings'] as const;
/**
 * Screens that need no tablet enrolment: the member's own card (on the
 * member's phone) and HQ's screens (a desktop browser with an API key).
 */
export const OPEN_ROUTES = [
  'card',
  'hq-merges',
  'hq-import',
  'hq-devices',
  'hq-audit',
  // Issue 10: the HQ console.
  'hq',
  'hq-dashboard',
  'hq-campaigns',
  'hq-closes',
  'hq-staff',
  'hq-shops',
] as const;
export type Route = (typeof TABLET_ROUTES)[number] | (typeof OPEN_ROUTES)[number];

const PATHS: Record<Route, string> = {
  counter: '#/counter',
  stock: '#/stock',
  register: '#/register',
  migrate: '#/migrate',
  settings: '#/settings',
  card: '#/card',
  'hq-merges': '#/hq/merges',
  'hq-import': '#/hq/import',
  'hq-devices': '#/hq/devices',
  'hq-audit': '#/hq/audit',
  // Issue 10: HQ dashboard KPIs.
  'hq-dashboard': '#/hq/dashboard',
  // issue 10: HQ campaigns and month-end
  'hq-campaigns': '#/hq/campaigns',
  'hq-closes': '#/hq/closes',
  // Issue 10 management
  hq: '#/hq',
  'hq-staff': '#/hq/staff',
  'hq-shops': '#/hq/shops',
};

/**
 * Hash routing (#/counter, #/hq/merges…): it needs nothing from the server, so
 * every route works offline from the precached index.html, and screens are
 * plain links.
 */
export function useHashRoute(): Route {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

/** Anything unknown is the counter: the screen a clerk needs most. */
export function parseRoute(hash: string): Route {
  const path = hash.split('?')[0] ?? '';
  const found = (Object.keys(PATHS) as Route[]).find((route) => PATHS[route] === path);
  return found ?? 'counter';
}

export function isOpenRoute(route: Route): boolean {
  return (OPEN_ROUTES as readonly string[]).includes(route);
}

export function routeHref(route: Route): string {
  return PATHS[route];
}
