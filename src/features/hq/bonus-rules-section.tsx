import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HqBonusRule } from './bonus-rule-api.ts';
import { BonusRuleForm } from './bonus-rule-form.tsx';
import { HqFailureText } from './hq-failure-text.tsx';
import { useBonusRules } from './use-bonus-rules.ts';

type Editing = { kind: 'closed' } | { kind: 'new'; key: number } | { kind: 'edit'; rule: HqBonusRule };

/**
 * Part of #/hq/campaigns (issue 10): bonus rules, today the first-EC-purchase
 * welcome bonus for members with a shop history. The server posts the bonus
 * with the EC earn; removing a rule takes a second, explicit click.
 */
export function BonusRulesSection({ apiKey, today }: { apiKey: string; today: string }) {
  const { t } = useTranslation();
  const admin = useBonusRules(apiKey);
  const [editing, setEditing] = useState<Editing>({ kind: 'closed' });
  const [confirming, setConfirming] = useState<string | null>(null);
  const state = (rule: HqBonusRule) => (rule.to < today ? 'ended' : rule.from > today ? 'planned' : 'running');
  return (
    <section className="bonus-rules" data-testid="bonus-rules">
      <h3>{t('hqBonusRules.title')}</h3>
      <p>{t('hqBonusRules.intro')}</p>
      <div className="campaigns__bar">
        <button type="button" className="button button--primary" data-testid="bonus-rule-new" onClick={() => setEditing({ kind: 'new', key: Date.now() })}>
          {t('hqBonusRules.new')}
        </button>
      </div>
      {admin.notice ? (
        <p className="message message--success" role="status" data-testid="bonus-rule-notice">
          {t(`hqCampaigns.notices.${admin.notice.kind}`, { name: admin.notice.name })}
        </p>
      ) : null}
      <HqFailureText failure={admin.failure} />
      {editing.kind === 'closed' ? null : (
        <BonusRuleForm
          key={editing.kind === 'new' ? `new-${editing.key}` : editing.rule.id}
          editing={editing.kind === 'edit' ? editing.rule : null}
          busy={admin.busy !== null}
          today={today}
          onSave={admin.save}
          onDone={() => setEditing({ kind: 'closed' })}
        />
      )}
      {admin.rules.length === 0 ? (
        <p data-testid="bonus-rules-empty">{t('hqBonusRules.empty')}</p>
      ) : (
        <table className="campaign-list">
          <thead>
            <tr>
              <th>{t('hqCampaigns.form.name')}</th>
              <th>{t('hqBonusRules.form.points')}</th>
              <th>{t('hqCampaigns.list.period')}</th>
              <th>{t('hqCampaigns.list.state')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {admin.rules.map((rule) => (
              <tr key={rule.id} data-testid="bonus-rule-row" data-rule-id={rule.id} data-state={state(rule)}>
                <td>{rule.name || rule.id}</td>
                <td>{t('hqBonusRules.pointsValue', { points: rule.points })}</td>
                <td>{rule.from === rule.to ? rule.from : `${rule.from} – ${rule.to}`}</td>
                <td>{t(`hqCampaigns.list.${state(rule)}`)}</td>
                <td>
                  {confirming === rule.id ? (
                    <div role="alertdialog" aria-label={t('hqBonusRules.remove')}>
                      <p>{t('hqBonusRules.confirm', { name: rule.name || rule.id })}</p>
                      <button
                        type="button"
                        className="button button--danger"
                        data-testid="bonus-rule-remove-confirm"
                        onClick={() => {
                          setConfirming(null);
                          admin.remove(rule);
                        }}
                      >
                        {t('hqBonusRules.remove')}
                      </button>
                      <button type="button" className="button" onClick={() => setConfirming(null)}>
                        {t('hqCampaigns.list.confirmNo')}
                      </button>
                    </div>
                  ) : (
                    <>
                      <button type="button" className="button" data-testid="bonus-rule-edit" disabled={admin.busy === rule.id} onClick={() => setEditing({ kind: 'edit', rule })}>
                        {t('hqCampaigns.list.edit')}
                      </button>
                      <button type="button" className="button button--danger" data-testid="bonus-rule-remove" disabled={admin.busy === rule.id} onClick={() => setConfirming(rule.id)}>
                        {t('hqBonusRules.remove')}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
