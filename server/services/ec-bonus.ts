import { createHash } from 'node:crypto';
import { jstDate } from '../../src/domain/ledger/index.ts';
import type { BonusRule, PointEntryDraft, PointEntryRequest } from '../../src/protocol/index.ts';
import type { Queryable } from '../store/sql.ts';
import { mergedGroupIds } from './identity/resolve.ts';
import { pointsPolicy } from './settings.ts';

/** The ledger's entry id pattern (pointEntryDraftSchema). */
const ENTRY_ID = /^[A-Za-z0-9:_.-]{8,100}$/;

/**
 * Issue 10, bonus rules: "the first EC purchase gets the shop balance welcome
 * bonus". A member with a shop history (a store earn or a paper-card
 * migration, on their own record or on one merged into it) whose first EC earn
 * falls within a `first-ec-purchase` rule gets the rule's points once.
 *
 * The bonus is an `adjust` credit, not an earn: it makes a lot and counts in
 * the balance and the liability like any credit, but it is no purchase, so
 * the KPIs read from earns (visits, spend, cohorts, points earned on
 * purchases) stay about purchases. Its id is derived from the rule and the
 * member, so it posts at most once per member whatever retries or races do;
 * the caller's write transaction holds the write lock, so the "first EC earn"
 * check and the posting cannot interleave with another EC earn either.
 *
 * Called before the EC earn is posted, in the same transaction; returns the
 * drafts to post right after it.
 */
export async function ecWelcomeBonuses(tx: Queryable, memberId: string, request: PointEntryRequest, now: string): Promise<PointEntryDraft[]> {
  if (request.type !== 'earn' || request.channel !== 'ec') return [];
  const today = jstDate(now);
  const rules = (await pointsPolicy(tx)).bonusRules.filter((rule) => rule.kind === 'first-ec-purchase' && rule.from <= today && today <= rule.to);
  if (rules.length === 0) return [];
  const group = await mergedGroupIds(tx, memberId);
  const { rows } = await tx.query<{ shop: boolean; ec: boolean }>(
    `select bool_or(channel = 'store' and type in ('earn', 'migration')) as shop,
            bool_or(channel = 'ec' and type = 'earn') as ec
       from point_entries where member_id = any($1::text[])`,
    [group],
  );
  const history = rows[0];
  if (history?.shop !== true || history.ec === true) return [];
  return rules.map((rule) => bonusDraft(rule, memberId, request, now));
}

function bonusDraft(rule: BonusRule, memberId: string, request: PointEntryRequest, now: string): PointEntryDraft {
  return {
    id: bonusEntryId(rule.id, memberId),
    memberId,
    type: 'adjust',
    direction: 'credit',
    points: rule.points,
    amountYen: 0,
    channel: 'ec',
    shopId: request.shopId ?? '',
    deviceId: '',
    staffId: '',
    ref: request.ref,
    campaignId: rule.id,
    rule: `first-ec-purchase ${rule.id}: ${rule.points} pt welcome bonus with EC earn ${request.idempotencyKey}`,
    createdAt: now,
  };
}

/** `bonus:<rule>:<member>`; a member id the entry id pattern cannot hold (too long, other characters) is hashed. */
export function bonusEntryId(ruleId: string, memberId: string): string {
  const plain = `bonus:${ruleId}:${memberId}`;
  if (ENTRY_ID.test(plain)) return plain;
  return `bonus:${ruleId}:h${createHash('sha256').update(memberId, 'utf8').digest('hex').slice(0, 40)}`;
}
