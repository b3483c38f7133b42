import { useMemo } from 'react';
import type { Product } from '../../protocol/index.ts';
import { observeAvailability, observeLocationNames, observeProduct, observeVariants, type LocationAvailability, type VariantCell } from '../stock.ts';
import { useObservable, valueOf } from './use-observable.ts';

/** The product with this JAN, live. undefined while loading, null when not in the catalogue. */
export function useProduct(jan: string | null): Product | null | undefined {
  const source$ = useMemo(() => (jan ? observeProduct(jan) : null), [jan]);
  const state = useObservable(source$);
  return jan ? valueOf(state) : null;
}

/** Every location's figure for one product, live. */
export function useAvailability(jan: string, shopId: string): LocationAvailability[] | undefined {
  const source$ = useMemo(() => observeAvailability(jan, shopId), [jan, shopId]);
  return valueOf(useObservable(source$));
}

/** The size × colour variants of the product's style with their availability, live. */
export function useVariants(product: Product, shopId: string): VariantCell[] | undefined {
  const source$ = useMemo(() => observeVariants(product, shopId), [product, shopId]);
  return valueOf(useObservable(source$));
}

export function useLocationNames(): ReadonlyMap<string, string> | undefined {
  const source$ = useMemo(() => observeLocationNames(), []);
  return valueOf(useObservable(source$));
}
