import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignPutRequest } from '../../protocol/index.ts';
import type { HqCampaign } from './campaign-api.ts';
import type { Shop } from './device-api.ts';
import { DayRangeFields } from './day-range-fields.tsx';

interface Props {
  /** The campaign being edited; null for a new one. */
  editing: HqCampaign | null;
  shops: readonly Shop[];
  rankIds: readonly string[];
  busy: boolean;
  today: string;
  onSave: (id: string, campaign: CampaignPutRequest) => Promise<boolean>;
  onDone: () => void;
}

/** Made once per new form, not per click: a save retried after a network failure replaces the same campaign instead of adding a second. */
function newCampaignId(): string {
  return `cmp-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

/** Create or edit one campaign. No shop and no rank ticked means every shop and every rank, as the rules read it. */
export function CampaignForm({ editing, shops, rankIds, busy, today, onSave, onDone }: Props) {
  const { t } = useTranslation();
  const [id] = useState(() => editing?.id ?? newCampaignId());
  const [name, setName] = useState(editing?.name ?? '');
  const [multiplier, setMultiplier] = useState(String(editing?.multiplier ?? 2));
  const [from, setFrom] = useState(editing?.from ?? today);
  const [to, setTo] = useState(editing?.to ?? today);
  const [channel, setChannel] = useState<CampaignPutRequest['channel']>(editing?.channel ?? 'both');
  const [shopIds, setShopIds] = useState<string[]>(editing?.shopIds ?? []);
  const [ranks, setRanks] = useState<string[]>(editing?.rankIds ?? []);
  const toggle = (list: string[], value: string) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The server checks every field (range, dates, shops, ranks) and says which is wrong.
    void onSave(id, { name, multiplier: Number(multiplier), from, to, channel, shopIds, rankIds: ranks }).then((saved) => {
      if (saved) onDone();
    });
  };

  return (
    <form className="form panel campaign-form" onSubmit={submit} data-testid="campaign-form">
      <h3>{editing ? t('hqCampaigns.form.editTitle') : t('hqCampaigns.form.newTitle')}</h3>
      <label className="field">
        <span className="field__label">{t('hqCampaigns.form.name')}</span>
        <input className="input" data-testid="campaign-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required />
      </label>
      <label className="field">
        <span className="field__label">{t('hqCampaigns.form.multiplier')}</span>
        <input className="input input--number" data-testid="campaign-multiplier" type="number" min={1} max={10} step={0.1} value={multiplier} onChange={(e) => setMultiplier(e.target.value)} required />
      </label>
      <DayRangeFields testIdPrefix="campaign" from={from} to={to} onFrom={setFrom} onTo={setTo} />
      <label className="field">
        <span className="field__label">{t('hqCampaigns.form.channel')}</span>
        <select className="input" data-testid="campaign-channel" value={channel} onChange={(e) => setChannel(e.target.value as CampaignPutRequest['channel'])}>
          <option value="both">{t('hqCampaigns.channel.both')}</option>
          <option value="store">{t('hqCampaigns.channel.store')}</option>
          <option value="ec">{t('hqCampaigns.channel.ec')}</option>
        </select>
      </label>
      <fieldset className="campaign-form__choices">
        <legend>{t('hqCampaigns.form.shops')}</legend>
        {shops.map((shop) => (
          <label key={shop.id}>
            <input type="checkbox" data-testid="campaign-shop" value={shop.id} checked={shopIds.includes(shop.id)} onChange={() => setShopIds(toggle(shopIds, shop.id))} /> {shop.name}
          </label>
        ))}
      </fieldset>
      <fieldset className="campaign-form__choices">
        <legend>{t('hqCampaigns.form.ranks')}</legend>
        {rankIds.map((rank) => (
          <label key={rank}>
            <input type="checkbox" data-testid="campaign-rank" value={rank} checked={ranks.includes(rank)} onChange={() => setRanks(toggle(ranks, rank))} /> {rank}
          </label>
        ))}
      </fieldset>
      <div className="campaign-form__actions">
        <button type="submit" className="button button--primary" data-testid="campaign-save" disabled={busy}>
          {busy ? t('hqCampaigns.form.saving') : t('hqCampaigns.form.save')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('hqCampaigns.form.cancel')}
        </button>
      </div>
    </form>
  );
}
