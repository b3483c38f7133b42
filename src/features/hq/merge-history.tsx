import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.ts';
import type { MergeRecord } from '../../protocol/index.ts';

interface Props {
  merges: readonly MergeRecord[];
  busy: string | null;
  onUndo: (merge: MergeRecord) => void;
}

/** Recent merges, newest first, each with its undo. */
export function MergeHistory({ merges, busy, onUndo }: Props) {
  const { t, i18n } = useTranslation();
  if (merges.length === 0) return <p>{t('hq.merges.recentEmpty')}</p>;
  return (
    <ul className="merge-history">
      {merges.map((merge) => {
        const points = merge.lots.reduce((sum, lot) => sum + lot.points, 0);
        return (
          <li key={merge.id} className="merge-history__item">
            <span className="merge-history__pair">{t('hq.merges.mergedInto', { merged: merge.mergedNo, survivor: merge.survivorNo })}</span>
            <span>{formatDateTime(merge.mergedAt, i18n.language)}</span>
            <span>{t(merge.mergedBy === 'auto' ? 'hq.merges.by.auto' : 'hq.merges.by.key')}</span>
            <span>{t('hq.merges.moved', { points: points.toLocaleString(), lots: merge.lots.length })}</span>
            {merge.undoneAt === null ? (
              <button type="button" className="button button--danger" disabled={busy === merge.id} onClick={() => onUndo(merge)}>
                {t('hq.merges.undo')}
              </button>
            ) : (
              <span className="badge">{t('hq.merges.undone')}</span>
            )}
            {merge.undoShortfall ? <span className="merge-history__note">{t('hq.merges.shortfall', { points: merge.undoShortfall })}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}
