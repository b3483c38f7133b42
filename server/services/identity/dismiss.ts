import type { DismissRequest } from '../../../src/protocol/index.ts';
import type { SyncServices } from '../sync-push.ts';
import { writeTransaction } from '../write-transaction.ts';
import { exactMember } from './merge.ts';

/**
 * "Not the same person": the pair is remembered and never proposed (or
 * auto-merged) again. Saying it twice is the same as once.
 */
export async function dismissPair(services: SyncServices, request: DismissRequest, by: string): Promise<{ memberNoA: string; memberNoB: string; dismissedAt: string }> {
  return writeTransaction(services.sql, services.notifier, async ({ tx }) => {
    const first = await exactMember(tx, request.memberNoA);
    const second = await exactMember(tx, request.memberNoB);
    const [a, b] = first.id < second.id ? [first, second] : [second, first];
    const { rows } = await tx.query<{ at: string }>(
      `insert into identity_dismissals (member_a, member_b, dismissed_by) values ($1, $2, $3)
       on conflict (member_a, member_b) do update set member_a = excluded.member_a
       returning to_char(dismissed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at`,
      [a.id, b.id, by],
    );
    return { memberNoA: a.memberNo, memberNoB: b.memberNo, dismissedAt: rows[0]?.at ?? '' };
  });
}
