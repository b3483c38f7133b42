import { jstDate } from './calendar.ts';
import type { CalendarDate, Channel, IsoTime } from './types.ts';

/**
 * A points campaign (ポイント2倍デー and the like). Days are JST calendar
 * days, both inclusive, because that is how HQ announces them ("11/3 only")
 * and a tablet in any timezone setting must agree with the server.
 */
export interface Campaign {
  readonly id: string;
  /** ≥ 1: 2 for double points. A campaign never lowers what the rank gives. */
  readonly multiplier: number;
  readonly from: CalendarDate;
  readonly to: CalendarDate;
  readonly channel: Channel | 'both';
  /** Only purchases at these shops (EC orders carry the EC's shop id); absent or empty: every shop. */
  readonly shopIds?: readonly string[];
  /** Only members of these ranks; absent or empty: every rank. */
  readonly rankIds?: readonly string[];
}

export interface PurchaseContext {
  readonly at: IsoTime;
  readonly channel: Channel;
  readonly shopId: string;
  readonly rankId: string;
}

export function campaignApplies(campaign: Campaign, purchase: PurchaseContext): boolean {
  const day = jstDate(purchase.at);
  if (day < campaign.from || day > campaign.to) return false;
  if (campaign.channel !== 'both' && campaign.channel !== purchase.channel) return false;
  if (campaign.shopIds?.length && !campaign.shopIds.includes(purchase.shopId)) return false;
  if (campaign.rankIds?.length && !campaign.rankIds.includes(purchase.rankId)) return false;
  return true;
}

/**
 * When several campaigns apply, the highest multiplier wins; they do not
 * multiply. Stacking turns two modest campaigns HQ planned separately (2× day,
 * 3× member week) into a 6× nobody budgeted for, and a clerk cannot explain it
 * at the counter. Ties go to the campaign that started first, then the lowest
 * id, so the choice never depends on the order the list arrived in.
 */
export function pickCampaign(campaigns: readonly Campaign[], purchase: PurchaseContext): Campaign | null {
  let best: Campaign | null = null;
  for (const campaign of campaigns) {
    if (!(campaign.multiplier >= 1)) throw new RangeError(`campaign ${campaign.id}: multiplier must be at least 1`);
    if (!campaignApplies(campaign, purchase)) continue;
    if (best === null || beats(campaign, best)) best = campaign;
  }
  return best;
}

function beats(a: Campaign, b: Campaign): boolean {
  if (a.multiplier !== b.multiplier) return a.multiplier > b.multiplier;
  if (a.from !== b.from) return a.from < b.from;
  return a.id < b.id;
}
