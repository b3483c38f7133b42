import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.ts';
import type { CandidateMember, IdentityCandidate } from '../../protocol/index.ts';

interface Props {
  candidate: IdentityCandidate;
  busy: boolean;
  onMerge: (survivorNo: string) => void;
  onDismiss: () => void;
}

type Field = 'memberNo' | 'name' | 'nameKana' | 'phone' | 'email' | 'birthdate' | 'homeShop' | 'balance' | 'registeredAt';
const FIELDS: readonly Field[] = ['memberNo', 'name', 'nameKana', 'phone', 'email', 'birthdate', 'homeShop', 'balance', 'registeredAt'];

/** One pair of the review queue: both records side by side, what agrees, and the decision. */
export function MergeCandidateCard({ candidate, busy, onMerge, onDismiss }: Props) {
  const { t, i18n } = useTranslation();
  // The older number is suggested: it is the one on most cards and receipts.
  const [survivorNo, setSurvivorNo] = useState(candidate.a.memberNo);
  const sides = [candidate.a, candidate.b];
  const show = (member: CandidateMember, field: Field): string => {
    const none = t('hq.merges.none');
    switch (field) {
      case 'phone':
        return member.phone === '' ? none : `${member.phone}${member.phoneVerified ? ` ✓${t('hq.merges.verified')}` : ''}`;
      case 'email':
        return member.email === '' ? none : `${member.email}${member.emailVerified ? ` ✓${t('hq.merges.verified')}` : ''}`;
      case 'birthdate':
        return member.birthdate ?? none;
      case 'homeShop':
        return member.homeShopId === '' ? none : member.homeShopId;
      case 'balance':
        return `${member.balance.toLocaleString()} pt`;
      case 'registeredAt':
        return formatDateTime(member.registeredAt, i18n.language);
      default:
        return member[field] === '' ? none : member[field];
    }
  };

  return (
    <article className="panel merge-card">
      <table className="merge-card__table">
        <thead>
          <tr>
            <th scope="col" />
            {sides.map((member) => (
              <th scope="col" key={member.memberId}>
                <label className="merge-card__pick">
                  <input
                    type="radio"
                    name={`survivor-${candidate.a.memberId}-${candidate.b.memberId}`}
                    checked={survivorNo === member.memberNo}
                    onChange={() => setSurvivorNo(member.memberNo)}
                  />
                  {t('hq.merges.survivor')}
                </label>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {FIELDS.map((field) => (
            <tr key={field}>
              <th scope="row">{t(`hq.merges.fields.${field}`)}</th>
              {sides.map((member) => (
                <td key={member.memberId} className={survivorNo === member.memberNo ? 'merge-card__kept' : undefined}>
                  {show(member, field)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="merge-card__reasons">
        <span className="field__label">{t('hq.merges.reasonsLabel')}: </span>
        {candidate.reasons.map((reason) => (
          <span className="badge" key={reason}>
            {t(`hq.merges.reasons.${reason}`, { defaultValue: reason })}
          </span>
        ))}
      </p>
      <div className="merge-card__actions">
        <button type="button" className="button button--primary" disabled={busy} onClick={() => onMerge(survivorNo)}>
          {t('hq.merges.merge', { survivor: survivorNo })}
        </button>
        <button type="button" className="button" disabled={busy} onClick={onDismiss}>
          {t('hq.merges.dismiss')}
        </button>
      </div>
    </article>
  );
}
