import type { PointEntryDraft } from '../../../src/protocol/index.ts';
import { memberProjection, postEntries } from '../ledger.ts';
import type { WriteContext } from '../write-transaction.ts';

export interface LotMove {
  mergeId: string;
  fromId: string;
  toId: string;
  /** Positions number the moves of one merge: the first merge starts at 0, a later sweep continues. */
  firstPosition: number;
  now: string;
}

/**
 * Moves every lot of `fromId` still holding spendable points to `toId`: per
 * lot a transfer_out naming it and a transfer_in with the same points and the
 * same last usable day, keys `merge:<id>:<n>:out|in`, recorded in
 * member_merge_lots for the undo. Expired lots the expiry job has not reached
 * stay behind: they are not spendable and the job expires them where they are.
 * Returns how many lots moved.
 */
export async function moveLots(ctx: WriteContext, move: LotMove): Promise<number> {
  const { mergeId, fromId, toId, firstPosition, now } = move;
  const lots = (await memberProjection(ctx.tx, fromId, now)).lots.filter((lot) => lot.state !== 'expired' && lot.remaining > 0);
  const ref = `merge:${mergeId}`;
  const drafts: PointEntryDraft[] = lots.flatMap((lot, i) => {
    const position = firstPosition + i;
    const common = { points: lot.remaining, amountYen: 0, channel: lot.channel, shopId: lot.shopId, deviceId: '', staffId: '', ref, createdAt: now };
    return [
      { ...common, id: `${ref}:${position}:out`, memberId: fromId, type: 'transfer_out' as const, lotId: lot.id },
      {
        ...common,
        id: `${ref}:${position}:in`,
        memberId: toId,
        type: 'transfer_in' as const,
        // The source lot, for the audit trail; a transfer_in makes its own lot whatever this says.
        lotId: lot.id,
        ...(lot.expiresOn === null ? {} : { expiresOn: lot.expiresOn }),
      },
    ];
  });
  await postEntries(ctx, drafts, { now });
  for (const [i, lot] of lots.entries()) {
    const position = firstPosition + i;
    await ctx.tx.query(
      `insert into member_merge_lots (merge_id, position, source_lot_id, points, expires_on, out_entry_id, in_entry_id)
       values ($1, $2, $3, $4, $5::date, $6, $7)`,
      [mergeId, position, lot.id, lot.remaining, lot.expiresOn, `${ref}:${position}:out`, `${ref}:${position}:in`],
    );
  }
  return lots.length;
}
