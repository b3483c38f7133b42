import { useMemo } from 'react';
import { useNow } from '../../app/use-now.ts';
import { useProfileSources } from '../../db/index.ts';
import { isOpenOrder } from '../../domain/order-status.ts';
import { profileTimeline, windowStart, type ProfileItem } from '../../domain/profile-timeline.ts';
import type { Order } from '../../protocol/index.ts';
import { useDevicePolicy } from '../../staff/use-shop-staff.ts';
import { useOlderTimeline, type OlderTimeline } from './use-older-timeline.ts';

export interface MemberTimeline {
  /** Newest first; undefined while the tablet's data loads. */
  items: ProfileItem[] | undefined;
  /** Orders of the member (and merged records) still under way, newest first. */
  openOrders: Order[];
  older: Omit<OlderTimeline, 'items'>;
}

/**
 * The profile's timeline (issue 9), live: what the tablet holds within the
 * device policy's window, merged with the older pages read online.
 */
export function useMemberTimeline(memberId: string): MemberTimeline {
  const sources = useProfileSources(memberId);
  const { timelineWindowDays } = useDevicePolicy();
  const now = useNow();
  const since = windowStart(now, timelineWindowDays);
  const { items: olderItems, status, loadOlder } = useOlderTimeline(memberId, since);
  const items = useMemo(
    () => (sources ? profileTimeline(sources, { memberId, since, older: olderItems }) : undefined),
    [sources, memberId, since, olderItems],
  );
  const openOrders = useMemo(
    () => (sources?.orders ?? []).filter((order) => isOpenOrder(order.status)).sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1)),
    [sources],
  );
  return { items, openOrders, older: { status, loadOlder } };
}
