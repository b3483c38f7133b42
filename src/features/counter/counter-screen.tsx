import { useTranslation } from 'react-i18next';
import { useMember, type Enrolment } from '../../db/index.ts';
import { CounterMessageView } from './counter-message-view.tsx';
import { MemberCandidates } from './member-candidates.tsx';
import { MemberLookup } from './member-lookup.tsx';
import { MemberView } from './member-view.tsx';
import { useCounter } from './use-counter.ts';
import './counter.css';

/**
 * The counter: find the member, greet them by name, earn and redeem. Reads and
 * writes only the local database, so all of it works with no network.
 */
export function CounterScreen({ enrolment }: { enrolment: Enrolment }) {
  const { t } = useTranslation();
  const counter = useCounter();
  const live = useMember(counter.memberId);
  // Until the live read arrives (undefined), the record the lookup found; afterwards always the live one.
  const member = live === undefined ? counter.foundMember : live;
  return (
    <div className="counter">
      <div className="counter__side">
        <MemberLookup counter={counter} />
        <CounterMessageView message={counter.message} />
        {counter.candidates.length > 0 ? <MemberCandidates members={counter.candidates} onSelect={counter.select} /> : null}
      </div>
      <div className="counter__main">
        {member ? (
          <MemberView member={member} shopId={enrolment.shop.id} say={counter.say} onClear={counter.clear} identifiedBySignedCode={counter.identifiedBySignedCode} />
        ) : (
          <p className="counter__empty">{t('counter.noMember')}</p>
        )}
      </div>
    </div>
  );
}
