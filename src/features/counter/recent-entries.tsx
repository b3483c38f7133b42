import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CounterMessage } from './counter-message.ts';
import { EntryRow } from './entry-row.tsx';
import type { RecentEntry } from './member-ledger.ts';
import { ReturnForm } from './return-form.tsx';
import './entries.css';

interface RecentEntriesProps {
  memberId: string;
  entries: readonly RecentEntry[] | undefined;
  say: (message: CounterMessage) => void;
}

/** The member's last few entries; unsent and flagged ones are marked, and a purchase can be returned from here. */
export function RecentEntries({ memberId, entries, say }: RecentEntriesProps) {
  const { t } = useTranslation();
  const [returning, setReturning] = useState<string | null>(null);
  return (
    <section className="panel entries" aria-labelledby="entries-title">
      <h3 className="panel__title" id="entries-title">
        {t('counter.entriesTitle')}
      </h3>
      {entries && entries.length === 0 ? <p className="entries__empty">{t('counter.entriesEmpty')}</p> : null}
      <ul className="entries__list">
        {(entries ?? []).map((row) => {
          const id = row.entry.id;
          const open = returning === id && row.returnableYen > 0;
          const canReturn = row.entry.type === 'earn' && row.returnableYen > 0;
          return (
            <Fragment key={id}>
              <EntryRow row={row} returning={open} onReturn={canReturn ? () => setReturning(open ? null : id) : undefined} />
              {open ? <ReturnForm memberId={memberId} earn={row} say={say} onClose={() => setReturning(null)} /> : null}
            </Fragment>
          );
        })}
      </ul>
    </section>
  );
}
