import type { Order, OrderStatus } from '../protocol/documents.ts';

/**
 * The endless-aisle order lifecycle (issue 5): pending → confirmed (or refused)
 * → ready (pickup) or shipped (ship) → completed; anything not yet completed or
 * refused may be cancelled. Refused, completed and cancelled are final.
 */
const NEXT: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ['confirmed', 'refused', 'cancelled'],
  confirmed: ['ready', 'shipped', 'cancelled'],
  ready: ['completed', 'cancelled'],
  shipped: ['completed', 'cancelled'],
  refused: [],
  completed: [],
  cancelled: [],
};

/** Whether an order of this fulfilment may move from `from` to `to`. A pickup is never shipped, a delivery never waits at a counter. */
export function canMoveOrder(from: OrderStatus, to: OrderStatus, fulfilment: Order['fulfilment']): boolean {
  if (to === 'ready' && fulfilment !== 'pickup') return false;
  if (to === 'shipped' && fulfilment !== 'ship') return false;
  return NEXT[from].includes(to);
}

/** Statuses that hold a reservation at the source: cancelling them gives it back. */
export function holdsReservation(status: OrderStatus): boolean {
  return status === 'confirmed' || status === 'ready' || status === 'shipped';
}

/** Still under way for the customer: not yet handed over, and neither refused nor cancelled. */
export function isOpenOrder(status: OrderStatus): boolean {
  return status !== 'completed' && status !== 'refused' && status !== 'cancelled';
}
