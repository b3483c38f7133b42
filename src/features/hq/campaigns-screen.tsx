import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { jstDate } from '../../domain/ledger/index.ts';
import { ApiKeyForm } from './api-key-form.tsx';
import { BonusRulesSection } from './bonus-rules-section.tsx';
import type { HqCampaign } from './campaign-api.ts';
import { CampaignForm } from './campaign-form.tsx';
import { CampaignList } from './campaign-list.tsx';
import './campaigns.css';
import { HqFailureText } from './hq-failure-text.tsx';
import { useCampaigns } from './use-campaigns.ts';

/** The form: closed, a new campaign, or one being edited (its key remounts the form with that campaign's values). */
type Editing = { kind: 'closed' } | { kind: 'new'; key: number } | { kind: 'edit'; campaign: HqCampaign };

/**
 * #/hq/campaigns: points campaigns for the shops and the EC site (ポイント2倍デー,
 * a rainy-day campaign turned on for one day). Saved campaigns reach every
 * tablet with its next sync and apply there offline.
 */
export function CampaignsScreen() {
  const { t } = useTranslation();
  const admin = useCampaigns();
  const [editing, setEditing] = useState<Editing>({ kind: 'closed' });
  // JST, as the campaign rules read days.
  const today = jstDate(new Date().toISOString());
  return (
    <section className="campaigns">
      <h2 className="panel__title">{t('hqCampaigns.title')}</h2>
      <p>{t('hqCampaigns.intro')}</p>
      {admin.apiKey === '' ? (
        <ApiKeyForm onSave={admin.saveApiKey} />
      ) : (
        <>
          <div className="campaigns__bar">
            <button type="button" className="button button--primary" data-testid="campaign-new" onClick={() => setEditing({ kind: 'new', key: Date.now() })}>
              {t('hqCampaigns.new')}
            </button>
            <button type="button" className="button" onClick={admin.forgetApiKey}>
              {t('hq.merges.forgetKey')}
            </button>
          </div>
          {admin.notice ? (
            <p className="message message--success" role="status" data-testid="campaign-notice">
              {t(`hqCampaigns.notices.${admin.notice.kind}`, { name: admin.notice.name })}
            </p>
          ) : null}
          <HqFailureText failure={admin.failure} />
          {editing.kind === 'closed' ? null : (
            <CampaignForm
              key={editing.kind === 'new' ? `new-${editing.key}` : editing.campaign.id}
              editing={editing.kind === 'edit' ? editing.campaign : null}
              shops={admin.shops}
              rankIds={admin.rankIds}
              busy={admin.busy !== null}
              today={today}
              onSave={admin.save}
              onDone={() => setEditing({ kind: 'closed' })}
            />
          )}
          {admin.loading ? <p>{t('hqDevices.loading')}</p> : null}
          <CampaignList
            campaigns={admin.campaigns}
            shops={admin.shops}
            today={today}
            busy={admin.busy}
            onEdit={(campaign) => setEditing({ kind: 'edit', campaign })}
            onEnd={admin.remove}
          />
          <BonusRulesSection apiKey={admin.apiKey} today={today} />
        </>
      )}
    </section>
  );
}
