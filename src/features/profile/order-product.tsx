import { useProduct } from '../../db/index.ts';

/** An order's product as the clerk knows it: its name when this tablet holds the product, else the JAN. */
export function OrderProduct({ jan }: { jan: string }) {
  const product = useProduct(jan);
  return <>{product ? product.name : jan}</>;
}
