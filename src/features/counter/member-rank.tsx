import { useTranslation } from 'react-i18next';
import { rankLabel } from './rank-label.ts';

/** The member's rank (from the server's projection): it sets the earn multiplier. */
export function MemberRank({ rank }: { rank: string | undefined }) {
  const { t } = useTranslation();
  if (rank === undefined) return null;
  return (
    <p className="member__rank">
      <span className="member__rank-label">{t('counter.rank')}</span>{' '}
      <span className={`rank rank--${rank}`} data-testid="member-rank" data-rank={rank}>
        {rankLabel(t, rank)}
      </span>
    </p>
  );
}
