import { useEffect, useState } from 'react';
import { currentDepth, subscribeDepth } from './in-app-history.ts';

/** Whether the previous history entry is one of the app's screens, and the way back to it. */
export function useInAppBack(): { canGoBack: boolean; goBack: () => void } {
  const [depth, setDepth] = useState(currentDepth);
  useEffect(() => subscribeDepth(setDepth), []);
  // history.back(), not a link to the previous route: the OS back gesture and
  // this control must walk the same history, or they would disagree.
  return { canGoBack: depth > 0, goBack: () => window.history.back() };
}
