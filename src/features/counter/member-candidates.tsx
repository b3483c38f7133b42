import { useTranslation } from 'react-i18next';
import type { Member } from '../../protocol/index.ts';

/** Several members match (a family sharing a phone, a kana prefix): the clerk asks and picks. */
export function MemberCandidates({ members, onSelect }: { members: readonly Member[]; onSelect: (member: Member) => void }) {
  const { t } = useTranslation();
  return (
    <section className="panel candidates">
      <p className="candidates__title">{t('counter.choose', { count: members.length })}</p>
      <ul className="candidates__list">
        {members.map((member) => (
          <li key={member.id}>
            <button type="button" className="button button--wide candidate" data-testid="member-candidate" onClick={() => onSelect(member)}>
              <span className="candidate__name">{member.name}</span>
              <span className="candidate__kana">{member.nameKana}</span>
              <span className="candidate__no">{member.memberNo === '' ? t('register.provisionalNo') : member.memberNo}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
