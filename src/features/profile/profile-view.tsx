import { useTranslation } from 'react-i18next';
import { useNow } from '../../app/use-now.ts';
import type { Member } from '../../protocol/index.ts';
import { NoteForm } from './note-form.tsx';
import { ProfileSuggestions } from './profile-suggestions.tsx';
import { ProfileSummary } from './profile-summary.tsx';
import { TimelineList } from './timeline-list.tsx';
import { useMemberTimeline } from './use-member-timeline.ts';
import './profile.css';

interface ProfileViewProps {
  member: Member;
  /** This tablet's shop: suggestions say what is available here. */
  shopId: string;
  onClose: () => void;
}

/**
 * The member's profile at the counter (issue 9): summary, suggestions, a shop
 * note and every channel's history. It takes the member view's place while
 * open; the caller records the audit event when it opens.
 */
export function ProfileView({ member, shopId, onClose }: ProfileViewProps) {
  const { t } = useTranslation();
  const now = useNow();
  const { items, openOrders, older } = useMemberTimeline(member.id);
  return (
    <div className="profile" data-testid="profile">
      <header className="panel profile__header">
        <div>
          <p className="member__kana">{member.nameKana}</p>
          <h2 className="profile__title" data-testid="profile-name">
            {t('profile.title', { name: member.name })}
          </h2>
        </div>
        <button type="button" className="button" data-testid="profile-close" onClick={onClose}>
          {t('profile.close')}
        </button>
      </header>
      <ProfileSummary memberId={member.id} openOrders={openOrders} />
      <ProfileSuggestions memberId={member.id} shopId={shopId} />
      <NoteForm memberId={member.id} />
      <TimelineList items={items} olderStatus={older.status} onLoadOlder={older.loadOlder} now={now} />
    </div>
  );
}
