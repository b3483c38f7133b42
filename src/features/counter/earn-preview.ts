import type { TFunction } from 'i18next';
import { formatNumber } from '../../app/format.ts';
import type { EarnResult } from '../../domain/ledger/index.ts';
import type { PointsPolicy } from '../../protocol/index.ts';
import { rankLabel } from './rank-label.ts';

/**
 * The line the clerk reads before confirming an earn: the points, and when a
 * rank or campaign multiplied them, which ("2倍デー適用: 98 pt"), so the
 * member hears why the figure is what it is.
 */
export function earnPreviewText(t: TFunction, language: string, earn: EarnResult, policy: PointsPolicy): string {
  const points = formatNumber(earn.points, language);
  const bonuses: string[] = [];
  if (earn.rankMultiplier !== 1) {
    bonuses.push(t('counter.earnRankBonus', { rank: rankLabel(t, earn.rankId), multiplier: earn.rankMultiplier }));
  }
  if (earn.campaignId !== undefined) {
    const campaign = policy.campaigns.find((c) => c.id === earn.campaignId);
    bonuses.push(campaign?.name || earn.campaignId);
  }
  if (bonuses.length === 0) return t('counter.earnPreview', { points, yen: policy.yenPerPoint });
  return t('counter.earnPreviewBonus', { bonus: bonuses.join(' + '), points });
}
