import { parseMemberQuery } from '../../src/domain/member-search.ts';
import { MEMBER_LOOKUP_LIMIT, TenpoError, type MemberLookupResponse } from '../../src/protocol/index.ts';
import type { Device } from './devices.ts';
import { withoutTombstone } from './documents.ts';
import { accountsOf, memberIdsMatching, membersWithSurvivors, recentEntriesOf } from './member-queries.ts';
import { notePresence } from './member-presence.ts';
import type { SyncServices } from './sync-push.ts';
import { writeTransaction } from './write-transaction.ts';

/**
 * A tablet's online lookup of a member it does not hold (issue 6): the same
 * query forms as the counter's search, a few matches at most. A match that
 * identifies someone (a number, phone, e-mail, card, or the one member with
 * that kana) is recorded as seen at the device's shop, so the member then
 * replicates to that shop's tablets; a list of kana namesakes is not, since
 * the clerk has not picked one yet.
 */
export async function lookupMembersForDevice({ sql, notifier }: SyncServices, device: Device, typed: string): Promise<MemberLookupResponse> {
  const query = parseMemberQuery(typed);
  if (query.by === 'none') {
    throw new TenpoError('invalid-request', 'not a member number, phone, e-mail, kana or paper card number', 400, [{ path: 'q', message: 'not searchable' }]);
  }
  const ids = await memberIdsMatching(sql, query, MEMBER_LOOKUP_LIMIT);
  const live = (await membersWithSurvivors(sql, ids)).filter((doc) => !doc._deleted);
  const memberIds = live.map((doc) => doc.id);
  const identifies = ids.length === 1 || (ids.length > 0 && query.by !== 'kana');
  if (identifies) {
    await writeTransaction(sql, notifier, async ({ tx, changed }) => {
      const entered = await notePresence(tx, device.shopId, memberIds);
      if (entered.length === 0) return;
      changed.add('members');
      changed.add('point_accounts');
      changed.add('point_entries');
      changed.add('timeline');
      changed.add('coupons');
    });
  }
  const [accounts, entries] = await Promise.all([accountsOf(sql, memberIds), recentEntriesOf(sql, memberIds)]);
  return {
    members: live.map(withoutTombstone),
    accounts: accounts.filter((doc) => !doc._deleted).map(withoutTombstone),
    entries: entries.filter((doc) => !doc._deleted).map(withoutTombstone),
  };
}
