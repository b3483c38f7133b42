import { useTranslation } from 'react-i18next';
import { formatNumber, formatSigned, formatTime } from '../../app/format.ts';
import { entryTypeLabel, flagLabel } from './entry-label.ts';
import type { RecentEntry } from './member-ledger.ts';

interface EntryRowProps {
  row: RecentEntry;
  /** Offered on earns with something left to return; absent otherwise. */
  onReturn?: (() => void) | undefined;
  returning: boolean;
}

/**
 * One entry of the member's recent activity: what, how many points, and its
 * state — unsent, posted, flagged by the server (an overdraft), or a credit
 * that paid back points the member owed.
 */
export function EntryRow({ row, onReturn, returning }: EntryRowProps) {
  const { t, i18n } = useTranslation();
  const { entry, pending, flags, repaid } = row;
  const lang = i18n.language;
  const detail =
    entry.type === 'earn' && entry.amountYen > 0
      ? t('counter.entryYen', { yen: formatNumber(entry.amountYen, lang) })
      : entry.type === 'reversal' && entry.amountYen > 0
        ? t('counter.entryReturnedYen', { yen: formatNumber(entry.amountYen, lang) })
        : '';
  return (
    <li
      className={`entry entry--${entry.type}${row.points < 0 ? ' entry--debit' : ' entry--credit'}${flags.length > 0 ? ' entry--flagged' : ''}`}
      data-testid="entry-row"
      data-entry-id={entry.id}
      data-type={entry.type}
      data-pending={pending ? 'true' : 'false'}
      data-offline={entry.offline ? 'true' : 'false'}
      data-flags={flags.join(',')}
      data-repaid={repaid}
      data-merged={row.merged ? 'true' : 'false'}
    >
      <span className="entry__type">{entryTypeLabel(t, entry)}</span>
      <span className="entry__points">
        {formatSigned(row.points, lang)} {t('counter.pointsUnit')}
      </span>
      <span className="entry__detail">
        {detail}
        {entry.ref ? <span className="entry__ref">{t('counter.entryRef', { ref: entry.ref })}</span> : null}
      </span>
      <span className="entry__time">{formatTime(entry.createdAt, lang)}</span>
      <span className="entry__badges">
        {flags.map((flag) => (
          <span key={flag} className="badge badge--flag">
            {flagLabel(t, flag)}
          </span>
        ))}
        {repaid > 0 ? <span className="badge badge--repaid">{t('counter.entryRepaid', { points: formatNumber(repaid, lang) })}</span> : null}
        {entry.offline ? <span className="badge badge--offline">{t('counter.entryOffline')}</span> : null}
        {row.merged ? <span className="badge badge--merged">{t('counter.entryMerged')}</span> : null}
        <span className={`badge ${pending ? 'badge--pending' : 'badge--posted'}`}>
          {pending ? t('counter.entryPending') : t('counter.entryPosted')}
        </span>
      </span>
      <span className="entry__action">
        {onReturn ? (
          <button type="button" className="button button--small" data-testid="entry-return" onClick={onReturn} aria-expanded={returning}>
            {t('counter.entryReturn')}
          </button>
        ) : null}
      </span>
    </li>
  );
}
