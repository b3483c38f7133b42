import { isPaperCardNo, paperCardEntryId } from '../../src/domain/paper-card.ts';
import type { PointEntryDraft } from '../../src/protocol/index.ts';
import { TenpoError } from '../../src/protocol/index.ts';
import type { PostOutcome } from './ledger.ts';
import type { WriteContext } from './write-transaction.ts';

/**
 * Paper card migration, the server's half (DESIGN.md: the server is the
 * authority on one-time paper card numbers). A tablet's migration entry names
 * its card in `ref` and carries the id derived from it, so two tablets that
 * migrated the same card offline push the same key: the ledger posts the
 * first and answers the other with the stored entry, which that tablet adopts
 * and shows its clerk as refused.
 */

type MigrationDraft = Pick<PointEntryDraft, 'id' | 'type' | 'ref'>;

/**
 * Refuses, before anything of the batch is written, a migration entry that
 * does not name a valid card or whose id is not the card's: a random id would
 * slip past the one-time rule.
 */
export function requirePaperCardEntries(rows: readonly MigrationDraft[]): void {
  const bad = rows.flatMap((row, index) => {
    if (row.type !== 'migration') return [];
    if (!isPaperCardNo(row.ref)) {
      return [{ index, id: row.id, issues: [{ path: 'ref', message: `"${row.ref}" is not a paper card number (13 digits, chain prefix, check digit)` }] }];
    }
    if (row.id !== paperCardEntryId(row.ref)) {
      return [{ index, id: row.id, issues: [{ path: 'id', message: `a migration of card ${row.ref} must have the id ${paperCardEntryId(row.ref)}` }] }];
    }
    return [];
  });
  if (bad.length > 0) throw new TenpoError('invalid-request', 'invalid paper card migrations', 400, bad);
}

/**
 * Links the cards of migrations posted now to their members: a paper_cards row
 * and the card on the member document, which every tablet pulls (its lookup by
 * card number works, and it refuses that card locally from then on). Retries
 * and refused second migrations post nothing and link nothing.
 */
export async function linkPaperCards({ tx, changed }: WriteContext, outcomes: readonly PostOutcome[]): Promise<void> {
  const posted = outcomes.filter((o) => o.kind === 'posted' && o.entry.type === 'migration').map((o) => o.entry);
  if (posted.length === 0) return;
  const rows = posted.map((e) => ({ cardNo: e.ref, memberId: e.memberId, entryId: e.id, shopId: e.shopId, deviceId: e.deviceId, staffId: e.staffId, points: e.points }));
  await tx.query(
    `insert into paper_cards (card_no, member_id, entry_id, shop_id, device_id, staff_id, points)
     select "cardNo", "memberId", "entryId", "shopId", "deviceId", "staffId", points
       from jsonb_to_recordset($1::jsonb) as x ("cardNo" text, "memberId" text, "entryId" text, "shopId" text,
                                                "deviceId" text, "staffId" text, points integer)`,
    [JSON.stringify(rows)],
  );
  // One statement per member would do as well; cards are migrated one at a time at a counter.
  for (const row of rows) {
    await tx.query(
      `update members set paper_cards = array_append(paper_cards, $2::text), updated_at = greatest(updated_at, now())
        where id = $1 and not ($2::text = any(paper_cards))`,
      [row.memberId, row.cardNo],
    );
  }
  changed.add('members');
}
