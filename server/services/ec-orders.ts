import type { ApiOrder, Order, OrderRequest, OrderStatusRequest, WireDocument } from '../../src/protocol/index.ts';
import { TenpoError } from '../../src/protocol/index.ts';
import type { Queryable } from '../store/sql.ts';
import { withoutTombstone } from './documents.ts';
import { resolveMemberByNo } from './identity/resolve.ts';
import { memberByNo } from './member-queries.ts';
import { moveOrder } from './order-lifecycle.ts';
import { checkOrderReferences, findOrders, placeOrders, type OrderDraft } from './orders.ts';
import type { SyncServices } from './sync-push.ts';
import { writeTransaction } from './write-transaction.ts';

export type ApiOrderResult = { status: 201 | 200; order: ApiOrder };

/**
 * POST /api/v1/orders: the key lookup, the reservation and the insert run in
 * ONE write transaction, so requests with one key place one order, and
 * orders racing for the last unit are decided one after the other. A refusal
 * is stored like a confirmation (committed, then answered as a 409): a
 * delayed retry gets the same verdict instead of a second chance.
 */
export async function placeApiOrder(services: SyncServices, request: OrderRequest): Promise<ApiOrderResult> {
  const { order, placed } = await writeTransaction(services.sql, services.notifier, async (ctx) => {
    const { tx } = ctx;
    let memberId = '';
    // 名寄せ: a new order goes to the survivor; a retry of one placed before the merge still names the old record.
    const sameMember = new Set(['']);
    if (request.memberNo !== undefined) {
      const resolved = await resolveMemberByNo(tx, request.memberNo);
      if (!resolved) throw new TenpoError('unknown-member', `no member ${request.memberNo}`, 422, { memberNo: request.memberNo });
      memberId = resolved.member.id;
      sameMember.clear();
      sameMember.add(memberId);
      if (resolved.mergedFromNo !== undefined) sameMember.add((await memberByNo(tx, request.memberNo))?.id ?? '');
    }
    const [stored] = await findOrders(tx, [request.idempotencyKey]);
    if (stored) {
      if (!sameRequest(stored, sameMember, request)) {
        throw new TenpoError('idempotency-conflict', `idempotency key ${request.idempotencyKey} was used for another order`, 409, {
          idempotencyKey: request.idempotencyKey,
        });
      }
      return { order: await apiOrder(tx, stored), placed: false };
    }
    const draft: OrderDraft = {
      id: request.idempotencyKey,
      jan: request.jan,
      quantity: request.quantity,
      fromLocation: request.fromLocation,
      shopId: request.shopId ?? '',
      fulfilment: request.fulfilment,
      memberId,
      channel: 'ec',
      deviceId: '',
      staffId: '',
      offline: false,
      createdAt: new Date().toISOString(),
    };
    const [bad] = await checkOrderReferences(tx, [draft]);
    if (bad) throw new TenpoError('unprocessable', 'invalid order', 422, bad.issues);
    const [outcome] = await placeOrders(ctx, [draft]);
    if (!outcome) throw new Error(`order ${draft.id} was not placed`);
    return { order: await apiOrder(tx, outcome.order), placed: true };
  });
  if (order.status === 'refused') throw outOfStock(order);
  return { status: placed ? 201 : 200, order };
}

export async function getApiOrder(sql: Queryable, id: string): Promise<ApiOrder> {
  const [order] = await findOrders(sql, [id]);
  if (!order) throw new TenpoError('not-found', `no order ${id}`, 404);
  return apiOrder(sql, order);
}

/** POST /api/v1/orders/:id/status: one step of the lifecycle (order-lifecycle.ts). */
export async function moveApiOrder(services: SyncServices, id: string, request: OrderStatusRequest): Promise<ApiOrder> {
  return writeTransaction(services.sql, services.notifier, async (ctx) => apiOrder(ctx.tx, await moveOrder(ctx, id, request.status)));
}

function outOfStock(order: ApiOrder): TenpoError {
  return new TenpoError('out-of-stock', `${order.jan} × ${order.quantity} is not available at ${order.fromLocation}`, 409, {
    id: order.id,
    jan: order.jan,
    fromLocation: order.fromLocation,
    quantity: order.quantity,
    alternatives: order.alternatives,
  });
}

/** What the caller sent, compared with what is stored under its key (server fields aside). */
function sameRequest(stored: Order, memberIds: ReadonlySet<string>, request: OrderRequest): boolean {
  return (
    stored.jan === request.jan &&
    stored.quantity === request.quantity &&
    stored.fromLocation === request.fromLocation &&
    stored.fulfilment === request.fulfilment &&
    stored.shopId === (request.shopId ?? '') &&
    memberIds.has(stored.memberId) &&
    // An order a tablet placed under this id is not the caller's, whatever its content.
    stored.deviceId === ''
  );
}

async function apiOrder(tx: Queryable, order: WireDocument<Order>): Promise<ApiOrder> {
  let memberNo = '';
  if (order.memberId !== '') {
    const { rows } = await tx.query<{ member_no: string }>('select member_no from members where id = $1', [order.memberId]);
    memberNo = rows[0]?.member_no ?? '';
  }
  return { ...withoutTombstone(order), memberNo };
}
