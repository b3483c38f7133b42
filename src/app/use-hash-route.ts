import { useEffect, useState } from 'react';

export type Route = 'counter' | 'settings';

/**
 * Hash routing (#/counter, #/settings): it needs nothing from the server, so
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

export function parseRoute(hash: string): Route {
  return hash === '#/settings' ? 'settings' : 'counter';
}

export function routeHref(route: Route): string {
  return `#/${route}`;
}
