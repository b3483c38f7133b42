import { useMemo } from 'react';
import type { MemberPoints } from '../../db/index.ts';
import { redeemLimit, type RedeemLimit } from '../../domain/balance.ts';
import type { PointsPolicy } from '../../protocol/index.ts';
import { useSyncStatus, type SyncPhase } from '../../sync/index.ts';

export interface RedeemLimitState extends RedeemLimit {
  /** Redemptions now are offline ones: capped, and marked so on the entry. */
  offline: boolean;
}

/**
 * Offline for redemption means "cannot see the server now", not only "no
 * Wi-Fi": while the tablet is still connecting or sync fails, other tablets
 * and the EC site may have spent the same points unseen, which is exactly
 * the risk the offline caps bound.
 */
export function redeemsOffline(phase: SyncPhase['state']): boolean {
  return phase !== 'synced' && phase !== 'syncing';
}

/** The most points the clerk may redeem for this member right now, and what sets it. */
export function useRedeemLimit(points: MemberPoints | undefined, policy: PointsPolicy, now: string): RedeemLimitState | undefined {
  const { state } = useSyncStatus();
  const offline = redeemsOffline(state);
  return useMemo(
    () => (points ? { ...redeemLimit({ offline, account: points.account, entries: points.entries, policy, now }), offline } : undefined),
    [points, policy, now, offline],
  );
}
