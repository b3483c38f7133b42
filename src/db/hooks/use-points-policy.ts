import { useMemo } from 'react';
import { DEFAULT_POINTS_POLICY, type PointsPolicy } from '../../protocol/index.ts';
import { observePointsPolicy } from '../policy.ts';
import { useObservable, valueOf } from './use-observable.ts';

/** The chain's points policy as last synced; the default until the first sync (see policy.ts). */
export function usePointsPolicy(): PointsPolicy {
  const source$ = useMemo(() => observePointsPolicy(), []);
  return valueOf(useObservable(source$)) ?? DEFAULT_POINTS_POLICY;
}
