import { useCallback, useEffect, useState } from 'react';
import type { BonusRulePutRequest } from '../../protocol/index.ts';
import { fetchBonusRules, removeBonusRule, saveBonusRule, type HqBonusRule } from './bonus-rule-api.ts';
import { hqFailureOf, type HqFailure } from './hq-api.ts';

export interface BonusRules {
  rules: HqBonusRule[];
  /** The id being saved or removed. */
  busy: string | null;
  failure: HqFailure | null;
  notice: { kind: 'saved' | 'removed'; name: string } | null;
  save: (id: string, rule: BonusRulePutRequest) => Promise<boolean>;
  remove: (rule: HqBonusRule) => void;
}

/** The bonus rules section of #/hq/campaigns: its state and actions, with the screen's API key. */
export function useBonusRules(apiKey: string): BonusRules {
  const [rules, setRules] = useState<HqBonusRule[]>([]);
  const [generation, setGeneration] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<HqFailure | null>(null);
  const [notice, setNotice] = useState<BonusRules['notice']>(null);

  useEffect(() => {
    if (apiKey === '') return;
    let live = true;
    fetchBonusRules(apiKey)
      .then((found) => {
        if (!live) return;
        setRules(found);
        setFailure(null);
      })
      .catch((error: unknown) => {
        if (live) setFailure(hqFailureOf(error));
      });
    return () => {
      live = false;
    };
  }, [apiKey, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);

  return {
    rules,
    busy,
    failure,
    notice,
    async save(id, rule) {
      setBusy(id);
      setNotice(null);
      try {
        const saved = await saveBonusRule(apiKey, id, rule);
        setFailure(null);
        setNotice({ kind: 'saved', name: saved.name });
        reload();
        return true;
      } catch (error) {
        setFailure(hqFailureOf(error));
        return false;
      } finally {
        setBusy(null);
      }
    },
    remove(rule) {
      setBusy(rule.id);
      setNotice(null);
      removeBonusRule(apiKey, rule.id)
        .then(() => {
          setFailure(null);
          setNotice({ kind: 'removed', name: rule.name });
          reload();
        })
        .catch((error: unknown) => setFailure(hqFailureOf(error)))
        .finally(() => setBusy(null));
    },
  };
}
