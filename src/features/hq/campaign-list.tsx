import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HqCampaign } from './campaign-api.ts';
import type { Shop } from './device-api.ts';

interface Props {
  campaigns: readonly HqCampaign[];
  shops: readonly Shop[];
  today: string;
  busy: string | null;
  onEdit: (campaign: HqCampaign) => void;
  onEnd: (campaign: HqCampaign) => void;
}

/** Every campaign with its state today (JST); ending one takes a second, explicit click. */
export function CampaignList({ campaigns, shops, today, busy, onEdit, onEnd }: Props) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState<string | null>(null);
  if (campaigns.length === 0) return <p data-testid="campaigns-empty">{t('hqCampaigns.list.empty')}</p>;
  const shopName = (id: string) => shops.find((shop) => shop.id === id)?.name ?? id;
  const state = (c: HqCampaign) => (c.to < today ? 'ended' : c.from > today ? 'planned' : 'running');
  return (
    <table className="campaign-list">
      <thead>
        <tr>
          <th>{t('hqCampaigns.form.name')}</th>
          <th>{t('hqCampaigns.form.multiplier')}</th>
          <th>{t('hqCampaigns.list.period')}</th>
          <th>{t('hqCampaigns.form.channel')}</th>
          <th>{t('hqCampaigns.form.shops')}</th>
          <th>{t('hqCampaigns.form.ranks')}</th>
          <th>{t('hqCampaigns.list.state')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {campaigns.map((c) => (
          <tr key={c.id} data-testid="campaign-row" data-campaign-id={c.id} data-state={state(c)}>
            <td>{c.name || c.id}</td>
            <td>×{c.multiplier}</td>
            <td>{c.from === c.to ? c.from : `${c.from} – ${c.to}`}</td>
            <td>{t(`hqCampaigns.channel.${c.channel}`)}</td>
            <td>{c.shopIds?.length ? c.shopIds.map(shopName).join('、') : t('hqCampaigns.list.all')}</td>
            <td>{c.rankIds?.length ? c.rankIds.join('、') : t('hqCampaigns.list.all')}</td>
            <td>{t(`hqCampaigns.list.${state(c)}`)}</td>
            <td>
              {confirming === c.id ? (
                <div role="alertdialog" aria-label={t('hqCampaigns.list.end')}>
                  <p>{t('hqCampaigns.list.confirm', { name: c.name || c.id })}</p>
                  <button
                    type="button"
                    className="button button--danger"
                    data-testid="campaign-end-confirm"
                    onClick={() => {
                      setConfirming(null);
                      onEnd(c);
                    }}
                  >
                    {t('hqCampaigns.list.confirmYes')}
                  </button>
                  <button type="button" className="button" onClick={() => setConfirming(null)}>
                    {t('hqCampaigns.list.confirmNo')}
                  </button>
                </div>
              ) : (
                <>
                  <button type="button" className="button" data-testid="campaign-edit" disabled={busy === c.id} onClick={() => onEdit(c)}>
                    {t('hqCampaigns.list.edit')}
                  </button>
                  <button type="button" className="button button--danger" data-testid="campaign-end" disabled={busy === c.id} onClick={() => setConfirming(c.id)}>
                    {t('hqCampaigns.list.end')}
                  </button>
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
