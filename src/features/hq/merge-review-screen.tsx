import { useTranslation } from 'react-i18next';
import { ApiKeyForm } from './api-key-form.tsx';
import { MergeApprovalFields } from './merge-approval-fields.tsx';
import { MergeCandidateCard } from './merge-candidate-card.tsx';
import { MergeHistory } from './merge-history.tsx';
import './merge-review.css';
import { pairId, useMergeReview, type MergeFailure, type MergeNotice } from './use-merge-review.ts';

/** #/hq/merges: 名寄せ's review queue and the recent merges with their undo. A desktop screen for HQ. */
export function MergeReviewScreen() {
  const { t } = useTranslation();
  const review = useMergeReview();
  return (
    <section className="merge-review">
      <h2 className="panel__title">{t('hq.merges.title')}</h2>
      <p>{t('hq.merges.intro')}</p>
      {review.apiKey === '' ? (
        <ApiKeyForm onSave={review.saveApiKey} />
      ) : (
        <>
          <div className="merge-review__bar">
            <button type="button" className="button" onClick={review.reload} disabled={review.loading}>
              {review.loading ? t('hq.merges.loading') : t('hq.merges.reload')}
            </button>
            <button type="button" className="button" onClick={review.forgetApiKey}>
              {t('hq.merges.forgetKey')}
            </button>
          </div>
          <MergeApprovalFields approval={review.approval} onChange={review.setApproval} />
          <Notice notice={review.notice} />
          <Failure failure={review.failure} />
          <div className="merge-review__columns">
            <div>
              <h3>{t('hq.merges.queue', { count: review.candidates.length })}</h3>
              {review.candidates.length === 0 && !review.loading ? <p>{t('hq.merges.empty')}</p> : null}
              {review.candidates.map((candidate) => (
                <MergeCandidateCard
                  key={pairId(candidate)}
                  candidate={candidate}
                  busy={review.busy === pairId(candidate)}
                  onMerge={(survivorNo) => review.merge(candidate, survivorNo)}
                  onDismiss={() => review.dismiss(candidate)}
                />
              ))}
            </div>
            <aside>
              <h3>{t('hq.merges.recent')}</h3>
              <MergeHistory merges={review.merges} busy={review.busy} onUndo={review.undo} />
            </aside>
          </div>
        </>
      )}
    </section>
  );
}

function Notice({ notice }: { notice: MergeNotice | null }) {
  const { t } = useTranslation();
  if (!notice) return null;
  const text =
    notice.kind === 'dismissed'
      ? t('hq.merges.notices.dismissed')
      : t(`hq.merges.notices.${notice.kind}`, { merged: notice.merge.mergedNo, survivor: notice.merge.survivorNo });
  return (
    <p className="message message--success" role="status">
      {text}
    </p>
  );
}

function Failure({ failure }: { failure: MergeFailure | null }) {
  const { t } = useTranslation();
  if (!failure) return null;
  const text =
    failure.kind === 'network'
      ? t('hq.merges.errors.network')
      : failure.kind === 'unauthorized'
        ? t('hq.merges.errors.unauthorized')
        : t(`failure.${failure.code}`, { defaultValue: t('hq.merges.errors.other', { message: failure.message }) });
  return (
    <p className="message message--error" role="alert">
      {text}
    </p>
  );
}
