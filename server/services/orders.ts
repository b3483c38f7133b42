import type { Order, WireDocument } from '../../src/protocol/index.ts';
import type { Queryable } from '../store/sql.ts';
import { ORDER_COLUMNS, orderDocument } from './documents.ts';
import { refreshStockSummaries } from './stock-summaries.ts';
import type { IssueDetail } from './validate.ts';
import type { WriteContext } from './write-transaction.ts';

/** What the creator of an order says; the server decides status, reason and alternatives. */
export type OrderDraft = Pick<
  Order,
  'id' | 'jan' | 'quantity' | 'fromLocation' | 'shopId' | 'fulfilment' | 'memberId' | 'channel' | 'deviceId' | 'staffId' | 'offline' | 'createdAt'
>;

/** What is wrong with one draft of a batch. */
export interface OrderIssues {
  index: number;
  id: string;
  issues: IssueDetail[];
}

/** The ledger's `ref` limit: an order id is the ref of its earn. */
export const MAX_ORDER_ID = 64;

export type Alternative = Order['alternatives'][number];

export type PlaceOutcome =
  /** New id: stored now, confirmed (stock reserved) or refused. */
  | { kind: 'placed'; order: WireDocument<Order> }
  /** The id is already stored: the stored order stands, whatever was sent. */
  | { kind: 'stored'; order: WireDocument<Order> };

export async function findOrders(tx: Queryable, ids: readonly string[]): Promise<WireDocument<Order>[]> {
  if (ids.length === 0) return [];
  const { rows } = await tx.query(`select ${ORDER_COLUMNS} from orders where id = any($1::text[])`, [[...ids]]);
  return rows.map(orderDocument);
}

/**
 * Places orders in the given order inside the caller's write transaction.
 * The reservation is ONE conditional UPDATE: the row is only changed when
 * enough is available, so two orders for the last unit can never both get it
 * (the write lock already serialises writers; the condition would hold even
 * without it, under row locks). An order that finds too little is stored as
 * refused with where else it was available at that moment, so a retry (or
 * the tablet, through the push answer and the stream) learns the same verdict.
 * Drafts must have passed checkOrderReferences.
 */
export async function placeOrders(ctx: WriteContext, drafts: readonly OrderDraft[], refusal?: (draft: OrderDraft) => string | null): Promise<PlaceOutcome[]> {
  const stored = new Map((await findOrders(ctx.tx, drafts.map((d) => d.id))).map((o) => [o.id, o]));
  const outcomes: PlaceOutcome[] = [];
  for (const draft of drafts) {
    const known = stored.get(draft.id);
    if (known) {
      outcomes.push({ kind: 'stored', order: known });
      continue;
    }
    const order = await placeOne(ctx, draft, refusal?.(draft) ?? null);
    stored.set(order.id, order);
    outcomes.push({ kind: 'placed', order });
  }
  return outcomes;
}

async function placeOne({ tx, changed }: WriteContext, draft: OrderDraft, refusedFor: string | null): Promise<WireDocument<Order>> {
  let status: Order['status'] = 'refused';
  let reason = refusedFor ?? '';
  let alternatives: Alternative[] = [];
  if (refusedFor === null) {
    const { rows } = await tx.query(
      `update stock set reserved = reserved + $3, updated_at = now()
        where jan = $1 and location_id = $2 and not deleted and on_hand - reserved >= $3
        returning on_hand, reserved`,
      [draft.jan, draft.fromLocation, draft.quantity],
    );
    if (rows.length > 0) {
      status = 'confirmed';
      await refreshStockSummaries(tx, [draft.jan]);
      changed.add('stock');
      changed.add('stock_summaries');
    } else {
      reason = 'out-of-stock';
      alternatives = await availableElsewhere(tx, draft.jan, draft.fromLocation, draft.quantity);
    }
  }
  const { rows } = await tx.query(
    `insert into orders (id, jan, quantity, from_location, shop_id, fulfilment, member_id, status, reason, alternatives,
                         channel, device_id, staff_id, offline, created_at)
     values ($1, $2, $3, $4, $5, $6, nullif($7, ''), $8, $9, $10::jsonb, $11, $12, $13, $14, $15)
     returning ${ORDER_COLUMNS}`,
    [
      draft.id,
      draft.jan,
      draft.quantity,
      draft.fromLocation,
      draft.shopId,
      draft.fulfilment,
      draft.memberId,
      status,
      reason,
      JSON.stringify(alternatives),
      draft.channel,
      draft.deviceId,
      draft.staffId,
      draft.offline,
      draft.createdAt,
    ],
  );
  changed.add('orders');
  const row = rows[0];
  if (!row) throw new Error(`order ${draft.id} was not stored`);
  return orderDocument(row);
}

/** Other locations that could fill this quantity now: what "sold out at X, available at Y" names. */
export async function availableElsewhere(tx: Queryable, jan: string, except: string, quantity: number): Promise<Alternative[]> {
  const { rows } = await tx.query<{ location_id: string; available: number }>(
    `select location_id, (on_hand - reserved)::int as available from stock
      where jan = $1 and location_id <> $2 and not deleted and on_hand - reserved >= $3
      order by available desc, location_id`,
    [jan, except, quantity],
  );
  return rows.map((r) => ({ locationId: r.location_id, available: Number(r.available) }));
}

/**
 * Products, locations and members an order names must exist (they are foreign
 * keys: a missing one would be a 5xx), and a pickup waits at a shop and comes
 * from a shop (the warehouse only ships home). One issue per bad field, by draft index.
 */
export async function checkOrderReferences(tx: Queryable, drafts: readonly OrderDraft[]): Promise<OrderIssues[]> {
  if (drafts.length === 0) return [];
  const { rows: products } = await tx.query<{ jan: string }>('select jan from products where jan = any($1::text[]) and not deleted', [
    [...new Set(drafts.map((d) => d.jan))],
  ]);
  const { rows: locations } = await tx.query<{ id: string; kind: string }>('select id, kind from locations where not deleted');
  const memberIds = [...new Set(drafts.map((d) => d.memberId).filter((id) => id !== ''))];
  const { rows: members } = await tx.query<{ id: string }>('select id from members where id = any($1::text[])', [memberIds]);
  const jans = new Set(products.map((p) => p.jan));
  const kinds = new Map(locations.map((l) => [l.id, l.kind]));
  const known = new Set(members.map((m) => m.id));
  return drafts.flatMap((draft, index) => {
    const issues: IssueDetail[] = [];
    // The id becomes the `ref` of the member's earn on completion, which holds 64 characters.
    if (draft.id.length > MAX_ORDER_ID) issues.push({ path: 'id', message: `an order id is at most ${MAX_ORDER_ID} characters` });
    if (!jans.has(draft.jan)) issues.push({ path: 'jan', message: `no product ${draft.jan}` });
    if (!kinds.has(draft.fromLocation)) issues.push({ path: 'fromLocation', message: `no location "${draft.fromLocation}"` });
    if (draft.shopId !== '' && kinds.get(draft.shopId) !== 'store') issues.push({ path: 'shopId', message: `no shop "${draft.shopId}"` });
    if (draft.fulfilment === 'pickup' && draft.shopId === '') issues.push({ path: 'shopId', message: 'a pickup needs the shop it is picked up at' });
    if (draft.fulfilment === 'pickup' && kinds.get(draft.fromLocation) === 'warehouse') {
      issues.push({ path: 'fulfilment', message: 'the EC warehouse ships to the customer; it has no counter to pick up at' });
    }
    if (draft.memberId !== '' && !known.has(draft.memberId)) issues.push({ path: 'memberId', message: `no member ${draft.memberId}` });
    return issues.length === 0 ? [] : [{ index, id: draft.id, issues }];
  });
}
