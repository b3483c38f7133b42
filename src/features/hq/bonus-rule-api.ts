import { apiBonusRuleSchema, bonusRuleListSchema, type BonusRuleList, type BonusRulePutRequest } from '../../protocol/index.ts';
import { callHqApi } from './hq-api.ts';

export type HqBonusRule = BonusRuleList['bonusRules'][number];

const path = (id: string) => `/api/v1/bonus-rules/${encodeURIComponent(id)}`;

export async function fetchBonusRules(apiKey: string): Promise<HqBonusRule[]> {
  return (await callHqApi(apiKey, 'GET', '/api/v1/bonus-rules', bonusRuleListSchema)).bonusRules;
}

/** Create or replace: the same PUT twice leaves one rule, so a retried click is harmless. */
export async function saveBonusRule(apiKey: string, id: string, rule: BonusRulePutRequest): Promise<HqBonusRule> {
  return callHqApi(apiKey, 'PUT', path(id), apiBonusRuleSchema, rule);
}

export async function removeBonusRule(apiKey: string, id: string): Promise<HqBonusRule> {
  return callHqApi(apiKey, 'DELETE', path(id), apiBonusRuleSchema);
}
