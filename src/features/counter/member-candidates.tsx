import { useTranslation } from 'react-i18next';
import type { Member } from '../../protocol/index.ts';

/** Members sharing one phone number (a family, a shop phone): the clerk asks and picks. */
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
              <span className="candidate__no">{member.memberNo}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
