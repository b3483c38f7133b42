import { z } from 'zod';
import type { Order, WireDocument } from '../../src/protocol/index.ts';
import { orderSchema, TenpoError } from '../../src/protocol/index.ts';
import type { Device } from './devices.ts';
import { checkOrderReferences, findOrders, placeOrders, type OrderDraft } from './orders.ts';
import type { SyncServices } from './sync-push.ts';
import { parseEach } from './validate.ts';
import { writeTransaction } from './write-transaction.ts';

const orderRowSchema = orderSchema.extend({ _deleted: z.boolean().default(false) });

/**
 * Sync push of `orders` (append-only, server-owned status). A new order is
 * placed as the API places one (reserved or refused); an id the server
 * already holds answers its stored copy, whatever was pushed: a tablet cannot
 * change an order's status, nor delete it. The shop and device are the
 * pushing device's, not what the document says.
 *
 * The answer is the stored copy of EVERY pushed order, not only real
 * conflicts: RxDB's conflict handler adopts it, and that is how a tablet learns
 * at once whether its order was confirmed or refused (the same reason the
 * point_entries push answers every entry).
 */
export async function pushOrders(services: SyncServices, states: readonly unknown[], device: Device): Promise<WireDocument<Order>[]> {
  const rows = parseEach(orderRowSchema, states, 'orders');
  const drafts: OrderDraft[] = rows.map((row) => ({
    id: row.id,
    jan: row.jan,
    quantity: row.quantity,
    fromLocation: row.fromLocation,
    shopId: device.shopId,
    fulfilment: row.fulfilment,
    memberId: row.memberId,
    channel: 'store',
    deviceId: device.id,
    staffId: row.staffId,
    offline: row.offline,
    createdAt: row.createdAt,
  }));
  const pushedStatus = new Map(rows.map((row) => [row.id, row.status]));
  return writeTransaction(services.sql, services.notifier, async (ctx) => {
    const stored = new Set((await findOrders(ctx.tx, rows.map((r) => r.id))).map((o) => o.id));
    // Deleting a new order places nothing; a stored one is only answered (placeOrders finds it).
    const deletedNew = new Set(rows.filter((row) => row._deleted && !stored.has(row.id)).map((row) => row.id));
    const fresh = drafts.filter((draft) => !stored.has(draft.id) && !deletedNew.has(draft.id));
    const bad = await checkOrderReferences(ctx.tx, fresh);
    if (bad.length > 0) throw new TenpoError('invalid-request', 'invalid orders', 400, bad);
    const outcomes = await placeOrders(
      ctx,
      drafts.filter((draft) => !deletedNew.has(draft.id)),
      // Only the server decides: an order that arrives already "confirmed" (or anything but pending) is refused, not trusted.
      (draft) => (pushedStatus.get(draft.id) === 'pending' ? null : 'invalid-status'),
    );
    return outcomes.map((o) => o.order);
  });
}
