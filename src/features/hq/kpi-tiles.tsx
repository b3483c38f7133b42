import { useTranslation } from 'react-i18next';
import type { KpiTotals } from '../../protocol/index.ts';

type TileName = 'activeMembers' | 'newMembers' | 'pointsEarned' | 'pointsRedeemed' | 'pointsExpired' | 'redemptionRate' | 'liability' | 'crossChannelMembers';

/** The headline figures. data-value holds the raw figure (a ratio as a fraction), what a test compares with the API. */
export function KpiTiles({ totals }: { totals: KpiTotals }) {
  const { t, i18n } = useTranslation();
  const number = (value: number) => value.toLocaleString(i18n.language);
  const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);
  const tiles: { name: TileName; value: number | null; shown: string; note?: string }[] = [
    { name: 'activeMembers', value: totals.activeMembers, shown: number(totals.activeMembers) },
    {
      name: 'newMembers',
      value: totals.newMembers.store + totals.newMembers.ec,
      shown: number(totals.newMembers.store + totals.newMembers.ec),
      note: t('kpi.tiles.newMembersNote', { store: number(totals.newMembers.store), ec: number(totals.newMembers.ec) }),
    },
    { name: 'pointsEarned', value: totals.pointsEarned, shown: number(totals.pointsEarned) },
    { name: 'pointsRedeemed', value: totals.pointsRedeemed, shown: number(totals.pointsRedeemed) },
    { name: 'pointsExpired', value: totals.pointsExpired, shown: number(totals.pointsExpired) },
    { name: 'redemptionRate', value: totals.redemptionRate, shown: percent(totals.redemptionRate) },
    { name: 'liability', value: totals.liability, shown: number(totals.liability), note: t('kpi.tiles.liabilityNote') },
    {
      name: 'crossChannelMembers',
      value: totals.crossChannelMembers,
      shown: number(totals.crossChannelMembers),
      note: t('kpi.tiles.crossChannelNote', { share: percent(totals.crossChannelShare) }),
    },
  ];
  return (
    <dl className="kpi-tiles">
      {tiles.map((tile) => (
        <div key={tile.name} className="kpi-tile" data-testid={`kpi-tile-${tile.name}`} data-value={tile.value ?? ''}>
          <dt className="kpi-tile__label">{t(`kpi.tiles.${tile.name}`)}</dt>
          <dd className="kpi-tile__value">{tile.shown}</dd>
          {tile.note ? <dd className="kpi-tile__note">{tile.note}</dd> : null}
        </div>
      ))}
    </dl>
  );
}
