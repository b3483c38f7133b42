import type { BonusRulePutRequest } from '../../protocol/index.ts';
import { fetchBonusRules, removeBonusRule, saveBonusRule, type HqBonusRule } from './bonus-rule-api.ts';
import type { HqFailure } from './hq-api.ts';
import { useHqLoad } from './use-hq-load.ts';
import { useHqNamedEdits, type HqNamedEdits } from './use-hq-named-edits.ts';

export interface BonusRules extends HqNamedEdits<HqBonusRule, BonusRulePutRequest> {
  rules: HqBonusRule[];
  failure: HqFailure | null;
}

const NO_RULES: HqBonusRule[] = [];
const RULE_CALLS = { put: saveBonusRule, remove: removeBonusRule };

/** The bonus rules section of #/hq/campaigns: its state and actions, with the screen's API key. */
export function useBonusRules(apiKey: string): BonusRules {
  const { data, failure, setFailure, reload } = useHqLoad(apiKey, fetchBonusRules);
  const edits = useHqNamedEdits<HqBonusRule, BonusRulePutRequest>(apiKey, RULE_CALLS, reload, setFailure);
  return { ...edits, rules: data ?? NO_RULES, failure };
}
