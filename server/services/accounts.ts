import type { LedgerEntry, Projection } from '../../src/domain/ledger/index.ts';
import { computeRank, project, spendRecords } from '../../src/domain/ledger/index.ts';
import type { PointAccount, PointsPolicy } from '../../src/protocol/index.ts';
import type { Queryable } from '../store/sql.ts';
import { ledgerPolicy, toLedgerEntry, type TimedDraft } from './ledger-entry.ts';
import { int, isoTime, jsonValue } from './rows.ts';

/**
 * point_accounts as a projection of the ledger: every figure comes from the
 * domain's project() and computeRank(), the same code the tablet runs, over
 * the member's posted entries in posting order.
 */
export type AccountFields = Omit<PointAccount, 'id' | 'updatedAt'>;

export interface MemberLedger {
  memberId: string;
  /** Posted entries in posting order, as the domain reads them. */
  entries: LedgerEntry[];
  postedThrough: number;
}

/**
 * Members per history query: one query for many members instead of one each
 * (10,000 round trips cost seconds on PGlite), in slices so a chain-wide
 * rebuild never holds every entry of every member in memory at once.
 */
export const MEMBERS_PER_READ = 2000;

/**
 * What the rules read of an entry, as one jsonb object per row with null
 * fields left out: half the cost of selecting every column and mapping it to
 * a document, which matters when the demo's 10,000 accounts are projected at
 * first start.
 */
const LEDGER_ROW = `member_id, posting_no, jsonb_strip_nulls(jsonb_build_object(
  'id', id, 'type', type, 'points', points, 'amountYen', amount_yen, 'channel', channel, 'shopId', shop_id,
  'ref', ref, 'line', line, 'reverses', reverses, 'reversesType', reverses_type, 'direction', direction,
  'expiresOn', to_char(expires_on, 'YYYY-MM-DD'), 'lotId', lot_id, 'at', at)) as entry`;

type LedgerRow = Omit<TimedDraft, 'memberId' | 'deviceId' | 'staffId' | 'createdAt'>;

/** The posted ledgers of the given members (each in posting order), one query per slice. Members without entries get an empty ledger. */
export async function readLedgers(tx: Queryable, memberIds: readonly string[]): Promise<Map<string, MemberLedger>> {
  const ledgers = new Map<string, MemberLedger>();
  for (const id of memberIds) ledgers.set(id, { memberId: id, entries: [], postedThrough: 0 });
  const unique = [...ledgers.keys()];
  for (let start = 0; start < unique.length; start += MEMBERS_PER_READ) {
    // Served by point_entries_member (member_id, posting_no): only these members' rows are read.
    const { rows } = await tx.query<{ member_id: string; posting_no: number; entry: unknown }>(
      `select ${LEDGER_ROW} from point_entries
        where member_id = any($1::text[]) and not deleted order by member_id, posting_no`,
      [unique.slice(start, start + MEMBERS_PER_READ)],
    );
    for (const row of rows) {
      const ledger = ledgers.get(row.member_id);
      if (!ledger) continue;
      const entry = jsonValue(row.entry) as LedgerRow;
      const at = isoTime(entry.at);
      // Fields the rules do not read are filled in only to make a whole wire entry for the bridge.
      ledger.entries.push(toLedgerEntry({ ...entry, at, memberId: row.member_id, deviceId: '', staffId: '', createdAt: at }));
      ledger.postedThrough = Math.max(ledger.postedThrough, int(row.posting_no));
    }
  }
  return ledgers;
}

/** The account a member's ledger projects to at `now`. */
export function accountOf(ledger: MemberLedger, policy: PointsPolicy, now: string): { account: AccountFields; projection: Projection } {
  const projection = project(ledger.entries, ledgerPolicy(policy), now);
  const rank = computeRank(spendRecords(ledger.entries), policy.ranks, now).rank.id;
  return {
    projection,
    account: {
      memberId: ledger.memberId,
      balance: projection.balance,
      available: projection.available,
      debt: projection.debt,
      lots: lotSummary(projection),
      rank,
      flaggedEntryIds: [...projection.flaggedEntryIds],
      postedThrough: ledger.postedThrough,
    },
  };
}

/**
 * Points per last usable day, soonest first, never-expiring last. Every lot
 * still holding points counts, unvested and expired-but-not-yet-posted too,
 * so that Σ lots − debt = balance holds on the tablet as on the server.
 */
export function lotSummary(projection: Projection): AccountFields['lots'] {
  const byDate = new Map<string | null, number>();
  for (const lot of projection.lots) {
    if (lot.remaining > 0) byDate.set(lot.expiresOn, (byDate.get(lot.expiresOn) ?? 0) + lot.remaining);
  }
  return [...byDate.entries()]
    .sort(([a], [b]) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1))
    .map(([expiresOn, points]) => ({ expiresOn, points }));
}

/** The projected fields of an account document (without id, updatedAt, tombstone). */
export function accountFields(doc: PointAccount): AccountFields {
  const { memberId, balance, available, debt, lots, rank, flaggedEntryIds, postedThrough } = doc;
  return { memberId, balance, available, debt, lots, rank, flaggedEntryIds, postedThrough };
}

/** Upserts the accounts in one statement (a tombstoned account comes back to life). */
export async function writeAccounts(tx: Queryable, accounts: readonly AccountFields[]): Promise<void> {
  for (let start = 0; start < accounts.length; start += MEMBERS_PER_READ) {
    const slice = accounts.slice(start, start + MEMBERS_PER_READ);
    await tx.query(
      `insert into point_accounts
         (member_id, balance, available, debt, lots, rank, flagged_entry_ids, posted_through, updated_at)
       select "memberId", balance, available, debt, lots, rank,
              array(select jsonb_array_elements_text("flaggedEntryIds")), "postedThrough", now()
         from jsonb_to_recordset($1::jsonb) as x (
           "memberId" text, balance bigint, available bigint, debt bigint, lots jsonb, rank text,
           "flaggedEntryIds" jsonb, "postedThrough" bigint)
       on conflict (member_id) do update
         set balance = excluded.balance, available = excluded.available, debt = excluded.debt,
             lots = excluded.lots, rank = excluded.rank, flagged_entry_ids = excluded.flagged_entry_ids,
             posted_through = excluded.posted_through, updated_at = excluded.updated_at, deleted = false`,
      [JSON.stringify(slice)],
    );
  }
}
