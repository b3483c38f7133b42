import { useEffect, useState } from 'react';

/** How often "now" moves on screen: expiry windows and the offline day roll over on it. */
const TICK_MS = 60_000;

/**
 * The current time as an ISO string, refreshed every minute. Rules that
 * depend on the day (points expiring within 30 days, today's offline
 * redemptions) read it from here rather than calling the clock during render,
 * so a counter left open over midnight moves to the new day by itself.
 */
export function useNow(): string {
  const [now, setNow] = useState(() => new Date().toISOString());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date().toISOString()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return now;
}
