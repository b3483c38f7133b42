import type { ApiPurchase, PurchaseRequest } from '../../src/protocol/index.ts';
import { TenpoError } from '../../src/protocol/index.ts';
import type { Queryable } from '../store/sql.ts';
import { issuePurchaseCoupon } from './coupon-issue.ts';
import { resolveFeedMember } from './member-refs.ts';
import { postOnce, type StoredFeedRow } from './post-once.ts';
import { int, isoTime, jsonValue, sameInstant, text } from './rows.ts';
import type { SyncServices } from './sync-push.ts';
import { timelineWindowStart } from './timeline-window.ts';
import { writeTransaction } from './write-transaction.ts';

type PurchaseLine = ApiPurchase['lines'][number];
export type PurchaseResult = { status: 201 | 200; purchase: ApiPurchase };

const COLUMNS = 'p.id, p.member_id, m.member_no, p.channel, p.ref, p.shop_id, p.at, p.total_yen, p.lines';

/**
 * The lines of a stored purchase as rows, for suggestions to find through
 * indexes; copied from the row itself, as migration 0016 backfilled them.
 */
const INSERT_LINES = `
  insert into purchase_lines (purchase_id, line_no, member_id, jan, name, quantity)
  select p.id, l.line_no, p.member_id, l.line ->> 'jan', coalesce(l.line ->> 'name', ''), (l.line ->> 'quantity')::integer
    from purchases p
   cross join lateral jsonb_array_elements(p.lines) with ordinality as l(line, line_no)
   where p.id = $1`;

/**
 * POST /api/v1/purchases: one receipt or EC order, stored once per key. The
 * key lookup and the inserts (the purchase, then its lines) run in one write
 * transaction (the global write lock), so retries racing each other store one
 * purchase and one set of lines.
 */
export async function postPurchase(services: SyncServices, request: PurchaseRequest): Promise<PurchaseResult> {
  return writeTransaction(services.sql, services.notifier, async ({ tx, changed }) => {
    const { member, sameMemberIds } = await resolveFeedMember(tx, request.member);
    const lines = request.lines.map(normaliseLine);
    const { status, body } = await postOnce({
      what: 'purchase',
      idempotencyKey: request.idempotencyKey,
      sameMemberIds,
      find: () => findPurchase(tx, request.idempotencyKey),
      sameContent: (stored) => samePurchase(stored, request, lines),
      insert: async () => {
        const shopId = request.shopId ?? '';
        if (request.channel === 'store') await requireShop(tx, shopId);
        await tx.query(
          // An item older than the device window (a backfill) never reaches a tablet.
          `insert into purchases (id, member_id, channel, ref, shop_id, at, total_yen, lines, off_device)
           values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $6::timestamptz < $9::timestamptz)`,
          [
            request.idempotencyKey,
            member.id,
            request.channel,
            request.ref,
            shopId,
            // Milliseconds, as every time the API answers with: a replay compares equal, a timeline cursor is exact.
            new Date(request.at).toISOString(),
            lines.reduce((sum, line) => sum + line.amountYen, 0),
            JSON.stringify(lines),
            await timelineWindowStart(tx),
          ],
        );
        await tx.query(INSERT_LINES, [request.idempotencyKey]);
        // The tablets holding the member get it at once (the synced collection `timeline`).
        changed.add('timeline');
        // Issue 10: a shop purchase earns an EC free-shipping coupon, issued with it (a replay reaches no insert).
        if (request.channel === 'store') await issuePurchaseCoupon({ tx, changed }, request.idempotencyKey, member.id, request.at);
      },
    });
    return { status, purchase: body };
  });
}

/** One shape for what is stored and what is compared: the name is '' when not given. */
function normaliseLine(line: PurchaseRequest['lines'][number]): PurchaseLine {
  return { jan: line.jan, name: line.name ?? '', quantity: line.quantity, amountYen: line.amountYen };
}

function samePurchase(stored: ApiPurchase, request: PurchaseRequest, lines: readonly PurchaseLine[]): boolean {
  return (
    stored.channel === request.channel &&
    stored.ref === request.ref &&
    stored.shopId === (request.shopId ?? '') &&
    sameInstant(stored.at, request.at) &&
    stored.lines.length === lines.length &&
    stored.lines.every((line, i) => JSON.stringify(line) === JSON.stringify(lines[i]))
  );
}

/** A live shop (not the warehouse), or 422 naming the shopId field. */
export async function requireShop(tx: Queryable, shopId: string): Promise<void> {
  const { rows } = await tx.query(`select 1 from locations where id = $1 and kind = 'store' and not deleted`, [shopId]);
  if (rows.length === 0) {
    throw new TenpoError('unprocessable', `no shop ${shopId}`, 422, [{ path: 'shopId', message: `no shop "${shopId}"` }]);
  }
}

async function findPurchase(tx: Queryable, id: string): Promise<StoredFeedRow<ApiPurchase> | null> {
  const { rows } = await tx.query(`select ${COLUMNS} from purchases p join members m on m.id = p.member_id where p.id = $1`, [id]);
  const row = rows[0];
  return row ? { memberId: text(row.member_id), body: purchaseFromRow(row) } : null;
}

/** Built from the stored row only, so a replay gets the same bytes as the first answer. */
export function purchaseFromRow(row: Record<string, unknown>): ApiPurchase {
  return {
    id: text(row.id),
    memberNo: text(row.member_no),
    channel: text(row.channel) as ApiPurchase['channel'],
    ref: text(row.ref),
    shopId: text(row.shop_id),
    at: isoTime(row.at),
    totalYen: int(row.total_yen),
    lines: purchaseLines(row.lines),
  };
}

/** jsonb gives its keys back in its own order: rebuilt in the wire order. */
export function purchaseLines(value: unknown): PurchaseLine[] {
  const lines = jsonValue(value) as PurchaseLine[];
  return lines.map((line) => ({ jan: line.jan, name: line.name, quantity: line.quantity, amountYen: line.amountYen }));
}
