import { useMemo } from 'react';
import type { Order } from '../../protocol/index.ts';
import { observeShopOrders } from '../orders.ts';
import { useObservable, valueOf } from './use-observable.ts';

/** This shop's endless-aisle orders, newest first, with the server's status as it arrives. */
export function useShopOrders(shopId: string): Order[] | undefined {
  const source$ = useMemo(() => observeShopOrders(shopId), [shopId]);
  return valueOf(useObservable(source$));
}
