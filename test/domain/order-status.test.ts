import { describe, expect, it } from 'vitest';
import { canMoveOrder, holdsReservation } from '../../src/domain/order-status.ts';
import { ORDER_STATUSES } from '../../src/protocol/index.ts';

describe('order lifecycle', () => {
  it('walks pickup orders through ready and deliveries through shipped', () => {
    expect(canMoveOrder('confirmed', 'ready', 'pickup')).toBe(true);
    expect(canMoveOrder('confirmed', 'shipped', 'pickup')).toBe(false);
    expect(canMoveOrder('confirmed', 'shipped', 'ship')).toBe(true);
    expect(canMoveOrder('confirmed', 'ready', 'ship')).toBe(false);
    expect(canMoveOrder('ready', 'completed', 'pickup')).toBe(true);
    expect(canMoveOrder('shipped', 'completed', 'ship')).toBe(true);
    expect(canMoveOrder('confirmed', 'completed', 'ship')).toBe(false);
  });

  it('cancels anything still open, and nothing leaves a final status', () => {
    for (const from of ['pending', 'confirmed', 'ready', 'shipped'] as const) expect(canMoveOrder(from, 'cancelled', 'pickup') || canMoveOrder(from, 'cancelled', 'ship')).toBe(true);
    for (const from of ['refused', 'completed', 'cancelled'] as const) {
      for (const to of ORDER_STATUSES) {
        expect(canMoveOrder(from, to, 'pickup')).toBe(false);
        expect(canMoveOrder(from, to, 'ship')).toBe(false);
      }
    }
  });

  it('holds a reservation only between confirmation and completion', () => {
    expect(ORDER_STATUSES.filter(holdsReservation)).toEqual(['confirmed', 'ready', 'shipped']);
  });
});
