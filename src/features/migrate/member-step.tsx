import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { findMemberByNo, findMembersByPhone } from '../../db/index.ts';
import { normalisePhone } from '../../domain/phone.ts';
import type { Member } from '../../protocol/index.ts';

const MEMBER_NO = /^[1-9]\d{9}$/;

/** Step 1: the member the card's balance goes to, by member number or phone, from this tablet's data (offline too). */
export function MemberStep({ onChoose }: { onChoose: (member: Member) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Member[] | null>(null);
  const [problem, setProblem] = useState<'memberInvalid' | 'memberNotFound' | null>(null);

  async function search(): Promise<void> {
    const digits = query.normalize('NFKC').replace(/[\s\u2010-\u2015\u2212\u30fc-]/g, '');
    const phone = MEMBER_NO.test(digits) ? null : normalisePhone(query);
    if (!MEMBER_NO.test(digits) && !phone) return setProblem('memberInvalid');
    const members = phone ? await findMembersByPhone(phone) : [await findMemberByNo(digits)].filter((m): m is Member => m !== null);
    setFound(members);
    setProblem(members.length === 0 ? 'memberNotFound' : null);
  }

  function submit(event: FormEvent): void {
    event.preventDefault();
    void search();
  }

  return (
    <section className="panel form" aria-labelledby="migrate-member-title">
      <h3 className="panel__title" id="migrate-member-title">{t('migrate.stepMember')}</h3>
      <form className="field" onSubmit={submit}>
        <label className="field__label" htmlFor="migrate-member-query">{t('migrate.memberQuery')}</label>
        <div className="lookup__search">
          <input id="migrate-member-query" className="input" data-testid="migrate-member-query" value={query}
            onChange={(event) => setQuery(event.target.value)} inputMode="tel" autoComplete="off" enterKeyHint="search" />
          <button type="submit" className="button button--primary" data-testid="migrate-member-submit">{t('migrate.memberSearch')}</button>
        </div>
      </form>
      {problem ? <p className="message message--error" data-testid="migrate-member-problem">{t(`migrate.${problem}`)}</p> : null}
      {found?.map((member) => (
        <button key={member.id} type="button" className="button button--wide" data-testid="migrate-member-option" data-member-no={member.memberNo}
          onClick={() => onChoose(member)}>
          {member.name} ({member.memberNo === '' ? t('migrate.provisionalNo') : member.memberNo}) — {t('migrate.memberChoose')}
        </button>
      ))}
    </section>
  );
}
