import { BASE_MS, DAY_MS, HOUR_MS, JST_OFFSET_MS, isoAt } from './clock.ts';
import { DEMO_SHOP_IDS } from './locations.ts';
import { createRng, type Rng } from './random.ts';

/**
 * Issue 9: a little customer timeline for the profile screen, so that a demo
 * server shows purchases and contacts, not only points. The first members of
 * each shop (the ones a clerk opens first) get a few receipts and EC orders
 * and a LINE message or a call in the last 60 days before the base date:
 * inside the device window, so the tablets hold them.
 */
export const TIMELINE_MEMBERS_PER_SHOP = 20;
const TIMELINE_DAYS = 60;

export interface DemoPurchase {
  id: string;
  memberId: string;
  channel: 'store' | 'ec';
  ref: string;
  shopId: string;
  at: string;
  totalYen: number;
  lines: { jan: string; name: string; quantity: number; amountYen: number }[];
}

export interface DemoContact {
  id: string;
  memberId: string;
  channel: 'line' | 'phone';
  at: string;
  summary: string;
  staff: string;
}

const LINE_MESSAGES = [
  '取り置きの期限を延ばせますか',
  'セール品の返品について質問',
  '欲しいサイズの入荷予定を知りたい',
  'ポイントの有効期限を確認したい',
  '店舗の営業時間を確認',
] as const;
const CALLS = ['電話で在庫確認（Mサイズ）', '配送日時の変更の依頼', '購入品の色違いの問い合わせ', '忘れ物の問い合わせ'] as const;
const STAFF = ['佐藤', '鈴木', '高橋', '田中', '伊藤'] as const;

/** Timeline rows for the first members of each shop, in time order; the same seed gives the same rows. */
export function generateTimeline(
  seed: number,
  members: readonly { id: string; homeShopId: string }[],
  products: readonly { jan: string; name: string; priceYen: number }[],
): { purchases: DemoPurchase[]; contacts: DemoContact[] } {
  const rng = createRng(seed, 'timeline');
  const purchases: DemoPurchase[] = [];
  const contacts: DemoContact[] = [];
  if (products.length === 0) return { purchases, contacts };
  let receipts = 0;
  for (const shopId of DEMO_SHOP_IDS) {
    for (const member of members.filter((m) => m.homeShopId === shopId).slice(0, TIMELINE_MEMBERS_PER_SHOP)) {
      for (let k = rng.int(1, 3); k > 0; k -= 1) {
        receipts += 1;
        const ec = rng.chance(0.3);
        const lines = Array.from({ length: rng.int(1, 3) }, () => {
          const product = rng.pick(products);
          const quantity = rng.chance(0.2) ? 2 : 1;
          return { jan: product.jan, name: product.name, quantity, amountYen: product.priceYen * quantity };
        });
        purchases.push({
          id: rng.uuid(),
          memberId: member.id,
          channel: ec ? 'ec' : 'store',
          ref: ec ? `EC-T${String(receipts).padStart(6, '0')}` : `R-${shopId.replace(/^shop-/, '')}-T${String(receipts).padStart(6, '0')}`,
          shopId: ec ? '' : shopId,
          at: isoAt(ec ? recent(rng) : inShopHours(recent(rng))),
          totalYen: lines.reduce((sum, line) => sum + line.amountYen, 0),
          lines,
        });
      }
      for (let k = rng.int(0, 2); k > 0; k -= 1) {
        const line = rng.chance(0.6);
        contacts.push({
          id: rng.uuid(),
          memberId: member.id,
          channel: line ? 'line' : 'phone',
          at: isoAt(inShopHours(recent(rng))),
          summary: line ? rng.pick(LINE_MESSAGES) : rng.pick(CALLS),
          staff: rng.pick(STAFF),
        });
      }
    }
  }
  const byTime = (a: { at: string; id: string }, b: { at: string; id: string }) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1);
  return { purchases: purchases.sort(byTime), contacts: contacts.sort(byTime) };
}

/** A moment in the last TIMELINE_DAYS before the base date. */
function recent(rng: Rng): number {
  return BASE_MS - TIMELINE_DAYS * DAY_MS + Math.floor(rng.next() * (TIMELINE_DAYS - 1) * DAY_MS);
}

/** The same JST day, between 10:00 and 21:00. */
function inShopHours(at: number): number {
  const jstMidnight = Math.floor((at + JST_OFFSET_MS) / DAY_MS) * DAY_MS - JST_OFFSET_MS;
  return jstMidnight + 10 * HOUR_MS + (at % (11 * HOUR_MS));
}
