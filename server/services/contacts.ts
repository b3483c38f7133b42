import type { ApiContact, ContactRequest } from '../../src/protocol/index.ts';
import type { Queryable } from '../store/sql.ts';
import { resolveFeedMember } from './member-refs.ts';
import { postOnce, type StoredFeedRow } from './post-once.ts';
import { isoTime, sameInstant, text } from './rows.ts';
import type { SyncServices } from './sync-push.ts';
import { timelineWindowStart } from './timeline-window.ts';
import { writeTransaction } from './write-transaction.ts';

export type ContactResult = { status: 201 | 200; contact: ApiContact };

/** POST /api/v1/contacts: one contact with a member, stored once per key (the same rules as purchases). */
export async function postContact(services: SyncServices, request: ContactRequest): Promise<ContactResult> {
  return writeTransaction(services.sql, services.notifier, async ({ tx, changed }) => {
    const { member, sameMemberIds } = await resolveFeedMember(tx, request.member);
    const staff = request.staff ?? '';
    const { status, body } = await postOnce({
      what: 'contact',
      idempotencyKey: request.idempotencyKey,
      sameMemberIds,
      find: () => findContact(tx, request.idempotencyKey),
      sameContent: (stored) =>
        stored.channel === request.channel && sameInstant(stored.at, request.at) && stored.summary === request.summary && stored.staff === staff,
      insert: async () => {
        // An item older than the device window (a backfill) never reaches a tablet.
        await tx.query(
          `insert into contacts (id, member_id, channel, at, summary, staff, off_device)
           values ($1, $2, $3, $4, $5, $6, $4::timestamptz < $7::timestamptz)`,
          [
            request.idempotencyKey,
            member.id,
            request.channel,
            // Milliseconds, as every time the API answers with.
            new Date(request.at).toISOString(),
            request.summary,
            staff,
            await timelineWindowStart(tx),
          ],
        );
        // The tablets holding the member get it at once (the synced collection `timeline`).
        changed.add('timeline');
      },
    });
    return { status, contact: body };
  });
}

async function findContact(tx: Queryable, id: string): Promise<StoredFeedRow<ApiContact> | null> {
  const { rows } = await tx.query(
    `select c.id, c.member_id, m.member_no, c.channel, c.at, c.summary, c.staff
       from contacts c join members m on m.id = c.member_id where c.id = $1`,
    [id],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    memberId: text(row.member_id),
    body: {
      id: text(row.id),
      memberNo: text(row.member_no),
      channel: text(row.channel) as ApiContact['channel'],
      at: isoTime(row.at),
      summary: text(row.summary),
      staff: text(row.staff),
    },
  };
}
