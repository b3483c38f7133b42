import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { recordAudit, usePointsPolicy } from '../../db/index.ts';
import type { Member } from '../../protocol/index.ts';
import { AdjustForm } from './adjust-form.tsx';
import { BalanceView } from './balance-view.tsx';
import type { CounterMessage } from './counter-message.ts';
import { EarnForm } from './earn-form.tsx';
import { MemberRank } from './member-rank.tsx';
import { PointsNotices } from './points-notices.tsx';
import { RecentEntries } from './recent-entries.tsx';
import { RedeemForm } from './redeem-form.tsx';
import { PairingPanel } from '../card/pairing-panel.tsx';
import { ProfileView } from '../profile/profile-view.tsx';
import { MemberCoupons } from '../coupons/member-coupons.tsx';
import { useMemberLedger } from './use-member-ledger.ts';
import { useRedeemLimit } from './use-redeem-limit.ts';

interface MemberViewProps {
  member: Member;
  /** This tablet's shop: campaigns may be limited to some shops. */
  shopId: string;
  say: (message: CounterMessage) => void;
  onClear: () => void;
  /** Identified by a valid TNP2 code from the member's phone in this session: redemption needs it. */
  identifiedBySignedCode: boolean;
}

/** The member at the counter: who, rank, points, what to tell them, earn, redeem, what happened lately. */
export function MemberView({ member, shopId, say, onClear, identifiedBySignedCode }: MemberViewProps) {
  const { t } = useTranslation();
  const policy = usePointsPolicy();
  const { points, ledger, now } = useMemberLedger(member.id);
  const limit = useRedeemLimit(points, policy, now);
  // No account on this tablet yet (a new member, not synced): the lowest rank applies, as on the server.
  const rank = ledger ? ledger.rank || (policy.ranks[0]?.id ?? '') : undefined;
  // Whose profile is open: another member brought up closes it (and their profile is a new view, audited anew).
  const [profileOf, setProfileOf] = useState<string | null>(null);
  const openProfile = (): void => {
    setProfileOf(member.id);
    // Once per opening, in the tap's handler: a re-render or StrictMode's double mount must not count as a view.
    void recordAudit({ action: 'profile-view', memberId: member.id });
  };
  if (profileOf === member.id) {
    return <ProfileView key={member.id} member={member} shopId={shopId} onClose={() => setProfileOf(null)} />;
  }
  return (
    <div className="member">
      <section className="panel member__card">
        <div className="member__who">
          <p className="member__kana" data-testid="member-kana">
            {member.nameKana}
          </p>
          <h2 className="member__name" data-testid="member-name">
            {member.name}
          </h2>
          <p className="member__no">
            {t('counter.memberNo')}{' '}
            {/* Registered on a tablet, not synced yet: the server gives the number; earning works already (by id). */}
            {member.memberNo === '' ? (
              <span className="badge badge--pending" data-testid="member-no-provisional">
                {t('register.provisionalNo')}
              </span>
            ) : (
              <span data-testid="member-no">{member.memberNo}</span>
            )}
          </p>
          <MemberRank rank={rank} />
        </div>
        <BalanceView balance={ledger?.balance} />
        <button type="button" className="button member__profile" data-testid="profile-open" onClick={openProfile}>
          {t('profile.open')}
        </button>
        <button type="button" className="button member__clear" onClick={onClear}>
          {t('counter.clear')}
        </button>
      </section>
      {ledger ? <PointsNotices ledger={ledger} /> : null}
      <MemberCoupons key={`coupons-${member.id}`} memberId={member.id} />
      {/* key: a new member gets fresh forms, and with them fresh idempotency keys. */}
      <div className="member__forms">
        <EarnForm key={`earn-${member.id}`} memberId={member.id} rankId={rank ?? ''} policy={policy} shopId={shopId} now={now} say={say} />
        <RedeemForm key={`redeem-${member.id}`} memberId={member.id} limit={limit} policy={policy} say={say} identifiedBySignedCode={identifiedBySignedCode} />
      </div>
      <AdjustForm key={`adjust-${member.id}`} memberId={member.id} say={say} />
      <PairingPanel key={`pairing-${member.id}`} memberId={member.id} />
      <RecentEntries key={`entries-${member.id}`} memberId={member.id} entries={ledger?.recent} say={say} />
    </div>
  );
}
