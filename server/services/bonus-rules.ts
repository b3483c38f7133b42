import type { BonusRule, BonusRulePutRequest } from '../../src/protocol/index.ts';
import { TenpoError } from '../../src/protocol/index.ts';
import type { Queryable } from '../store/sql.ts';
import { pointsPolicy, setPointsPolicy } from './settings.ts';
import type { WriteContext } from './write-transaction.ts';

/**
 * HQ's bonus rules (issue 10): entries of the points policy's `bonusRules`,
 * written like the campaigns (services/campaigns.ts): the whole policy is
 * replaced inside the caller's write transaction and `settings` is marked
 * changed, so tablets get the rule with their next pull.
 */
export async function listBonusRules(sql: Queryable): Promise<{ bonusRules: BonusRule[] }> {
  return { bonusRules: (await pointsPolicy(sql)).bonusRules };
}

export async function putBonusRule(ctx: WriteContext, id: string, request: BonusRulePutRequest): Promise<{ bonusRule: BonusRule; created: boolean }> {
  const policy = await pointsPolicy(ctx.tx);
  const bonusRule: BonusRule = { id, name: request.name, kind: request.kind, points: request.points, from: request.from, to: request.to };
  const created = !policy.bonusRules.some((rule) => rule.id === id);
  const bonusRules = created ? [...policy.bonusRules, bonusRule] : policy.bonusRules.map((rule) => (rule.id === id ? bonusRule : rule));
  await setPointsPolicy(ctx.tx, { ...policy, bonusRules });
  ctx.changed.add('settings');
  return { bonusRule, created };
}

/** Removes a rule: it stops applying at once. Bonuses already posted stay (the ledger is append-only) and keep its id. */
export async function deleteBonusRule(ctx: WriteContext, id: string): Promise<BonusRule> {
  const policy = await pointsPolicy(ctx.tx);
  const bonusRule = policy.bonusRules.find((rule) => rule.id === id);
  if (!bonusRule) throw new TenpoError('not-found', `no bonus rule ${id}`);
  await setPointsPolicy(ctx.tx, { ...policy, bonusRules: policy.bonusRules.filter((rule) => rule.id !== id) });
  ctx.changed.add('settings');
  return bonusRule;
}
