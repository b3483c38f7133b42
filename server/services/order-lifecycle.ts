import { computeEarn } from '../../src/domain/ledger/index.ts';
import { canMoveOrder, holdsReservation } from '../../src/domain/order-status.ts';
import { campaignsOf } from '../../src/domain/points.ts';
import type { Order, OrderStatus, WireDocument } from '../../src/protocol/index.ts';
import { TenpoError } from '../../src/protocol/index.ts';
import type { Queryable } from '../store/sql.ts';
import { ORDER_COLUMNS, orderDocument } from './documents.ts';
import { resolveMemberByNo } from './identity/resolve.ts';
import { postEntries } from './ledger.ts';
import { findOrders } from './orders.ts';
import { isoTime } from './rows.ts';
import { pointsPolicy } from './settings.ts';
import { refreshStockSummaries } from './stock-summaries.ts';
import type { WriteContext } from './write-transaction.ts';

/** The ledger key of an order's earn: posted once, whatever retries and replays do. */
export const orderEarnKey = (orderId: string): string => `order:${orderId}:earn`;

/**
 * Moves an order along its lifecycle (src/domain/order-status.ts) inside the
 * caller's write transaction, with what the move does to stock: cancelling
 * gives the reservation back; completing takes the goods off the shelf (on
 * hand and reserved both drop) and earns the member their points through the
 * ledger. Asking for the status the order already has is a retry: the stored
 * order, nothing written.
 */
export async function moveOrder(ctx: WriteContext, id: string, to: OrderStatus): Promise<WireDocument<Order>> {
  const [order] = await findOrders(ctx.tx, [id]);
  if (!order) throw new TenpoError('not-found', `no order ${id}`, 404);
  if (order.status === to) return order;
  if (!canMoveOrder(order.status, to, order.fulfilment)) {
    throw new TenpoError('invalid-transition', `a ${order.fulfilment} order cannot go from ${order.status} to ${to}`, 409, {
      from: order.status,
      to,
    });
  }
  if (to === 'cancelled' && holdsReservation(order.status)) await changeStock(ctx, order, 0);
  if (to === 'completed') {
    await changeStock(ctx, order, order.quantity);
    await earnOnFulfilment(ctx, order);
  }
  const { rows } = await ctx.tx.query(
    `update orders set status = $2, reason = case when $2 = 'cancelled' then 'cancelled' else reason end, updated_at = now()
      where id = $1 returning ${ORDER_COLUMNS}`,
    [id, to],
  );
  ctx.changed.add('orders');
  const row = rows[0];
  if (!row) throw new Error(`order ${id} vanished`);
  return orderDocument(row);
}

/** Releases the order's reservation at the source, taking `shipped` units off the shelf with it. */
async function changeStock({ tx, changed }: WriteContext, order: Order, shipped: number): Promise<void> {
  const { rows } = await tx.query(
    `update stock set reserved = reserved - $3, on_hand = on_hand - $4, updated_at = now()
      where jan = $1 and location_id = $2 and reserved >= $3 and on_hand >= $4
      returning 1`,
    [order.jan, order.fromLocation, order.quantity, shipped],
  );
  // A reservation is only made by placeOrders and only released here: a missing one is a bug, not input.
  if (rows.length === 0) throw new Error(`order ${order.id}: no reservation of ${order.quantity} at ${order.fromLocation}`);
  await refreshStockSummaries(tx, [order.jan]);
  changed.add('stock');
  changed.add('stock_summaries');
}

/**
 * The EC channel earns the member points on fulfilment (issue 5), under the
 * same policy as every earn (computeEarn: rank and the best EC campaign). The
 * member may have been merged (名寄せ) since the order: the survivor earns.
 */
async function earnOnFulfilment(ctx: WriteContext, order: Order): Promise<void> {
  if (order.memberId === '') return;
  const { tx } = ctx;
  const member = await survivorOf(tx, order.memberId);
  if (!member) return;
  const { rows } = await tx.query<{ price_yen: number; now: unknown; rank: string | null }>(
    `select p.price_yen, now() as now, (select rank from point_accounts where member_id = $2) as rank from products p where p.jan = $1`,
    [order.jan, member],
  );
  const row = rows[0];
  if (!row) return;
  const now = isoTime(row.now);
  const policy = await pointsPolicy(tx);
  const amountYen = Number(row.price_yen) * order.quantity;
  const rankId = row.rank ?? '';
  const rank = policy.ranks.find((tier) => tier.id === rankId) ?? policy.ranks[0] ?? { id: rankId, multiplier: 1 };
  const earn = computeEarn({ amountYen, yenPerPoint: policy.yenPerPoint, rank, campaigns: campaignsOf(policy), channel: 'ec', shopId: '', at: now });
  if (earn.points <= 0) return;
  await postEntries(
    ctx,
    [{ id: orderEarnKey(order.id), memberId: member, type: 'earn', points: earn.points, amountYen, channel: 'ec', shopId: '', deviceId: '', staffId: '', ref: order.id, createdAt: now }],
    { now },
  );
}

async function survivorOf(tx: Queryable, memberId: string): Promise<string | null> {
  const { rows } = await tx.query<{ member_no: string }>('select member_no from members where id = $1', [memberId]);
  const memberNo = rows[0]?.member_no;
  if (memberNo === undefined) return null;
  return (await resolveMemberByNo(tx, memberNo))?.member.id ?? null;
}
