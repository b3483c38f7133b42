import { from, map, switchMap, type Observable } from 'rxjs';
import { isValidJan } from '../domain/jan.ts';
import { orderSchema, type Order } from '../protocol/index.ts';
import { getDatabase } from './database.ts';
import { loadEnrolment } from './enrolment.ts';
import { newId } from './new-id.ts';

/**
 * Endless-aisle orders. The tablet only writes the order, status 'pending',
 * locally; replication pushes it and the server reserves the stock and answers
 * with its own copy (confirmed, or refused with where else it is available).
 * The tablet never decides whether the last unit is its own.
 */

export interface PlaceOrderInput {
  jan: string;
  quantity: number;
  fromLocation: string;
  fulfilment: Order['fulfilment'];
  memberId?: string;
}

export type OrderFailure = 'not-enrolled' | 'invalid-product' | 'invalid-quantity' | 'invalid-fulfilment' | 'own-shop' | 'storage-error';
export type OrderResult = { ok: true; order: Order } | { ok: false; reason: OrderFailure };

/** The EC warehouse ships; a shop can send the goods here for pickup or ship them home. */
export function allowedFulfilments(kind: 'store' | 'warehouse'): readonly Order['fulfilment'][] {
  return kind === 'warehouse' ? ['ship'] : ['pickup', 'ship'];
}

export async function placeOrder(input: PlaceOrderInput): Promise<OrderResult> {
  if (!isValidJan(input.jan)) return { ok: false, reason: 'invalid-product' };
  if (!Number.isInteger(input.quantity) || input.quantity < 1 || input.quantity > 99) return { ok: false, reason: 'invalid-quantity' };
  const enrolment = await loadEnrolment();
  if (!enrolment) return { ok: false, reason: 'not-enrolled' };
  if (input.fromLocation === enrolment.shop.id) return { ok: false, reason: 'own-shop' };
  const db = await getDatabase();
  const location = await db.locations.findOne(input.fromLocation).exec();
  if (location && !allowedFulfilments(location.kind).includes(input.fulfilment)) return { ok: false, reason: 'invalid-fulfilment' };
  const now = new Date().toISOString();
  const order = orderSchema.parse({
    id: newId(),
    jan: input.jan,
    quantity: input.quantity,
    fromLocation: input.fromLocation,
    shopId: enrolment.shop.id,
    fulfilment: input.fulfilment,
    memberId: input.memberId ?? '',
    status: 'pending',
    reason: '',
    alternatives: [],
    channel: 'store',
    deviceId: enrolment.deviceId,
    staffId: '',
    // Informational: the clerk is told the order was queued; the server decides on sync either way.
    offline: typeof navigator === 'undefined' ? false : !navigator.onLine,
    createdAt: now,
    updatedAt: now,
  });
  try {
    await db.orders.insert(order);
    return { ok: true, order };
  } catch (error) {
    console.error(error);
    return { ok: false, reason: 'storage-error' };
  }
}

/** This shop's orders, newest first, live (the server's status changes arrive through the stream). */
export function observeShopOrders(shopId: string): Observable<Order[]> {
  return from(getDatabase()).pipe(
    switchMap((db) => db.orders.find({ selector: { shopId }, sort: [{ createdAt: 'desc' }], limit: 50 }).$),
    map((docs) => docs.map((doc) => doc.toMutableJSON())),
  );
}
