import type { LedgerEntry, Projection } from '../../src/domain/ledger/index.ts';
import { computeRank, project, spendRecords } from '../../src/domain/ledger/index.ts';
import type { PointAccount, PointsPolicy } from '../../src/protocol/index.ts';
import type { Queryable } from '../store/sql.ts';
import { ledgerPolicy, toLedgerEntry, type TimedDraft } from './ledger-entry.ts';
import { int, isoTime } from './rows.ts';

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
 * What the rules read of an entry, as one json object with null fields left
 * out, and a member's whole ledger as ONE json array in posting order: a
 * member's history travels as a single text value that one JSON.parse reads,
 * instead of a row per entry for the driver to decode (on PGlite, decoding
 * rows cost more than finding them). The ledger is read again for every
 * posting, so this is the hot read of a push.
 */
const LEDGER_ENTRY = `json_strip_nulls(json_build_object(
  'id', id, 'type', type, 'points', points, 'amountYen', amount_yen, 'channel', channel, 'shopId', shop_id,
  'ref', ref, 'line', line, 'reverses', reverses, 'reversesType', reverses_type, 'direction', direction,
  'expiresOn', to_char(expires_on, 'YYYY-MM-DD'), 'lotId', lot_id, 'at', at))`;

type LedgerRow = Omit<TimedDraft, 'memberId' | 'deviceId' | 'staffId' | 'createdAt'>;

/** The posted ledgers of the given members (each in posting order), one query per slice. Members without entries get an empty ledger. */
export async function readLedgers(tx: Queryable, memberIds: readonly string[]): Promise<Map<string, MemberLedger>> {
  const ledgers = new Map<string, MemberLedger>();
  for (const id of memberIds) ledgers.set(id, { memberId: id, entries: [], postedThrough: 0 });
  const unique = [...ledgers.keys()];
  for (let start = 0; start < unique.length; start += MEMBERS_PER_READ) {
    // One index range of point_entries_member (member_id, posting_no) per member, whatever the
    // planner believes: with "member_id = any(…)" and stale statistics (PGlite has no autovacuum)
    // it scanned every entry of the chain behind each push.
    const { rows } = await tx.query<{ member_id: string; posted_through: number | null; entries: string | null }>(
      `select wanted_id as member_id, history.posted_through, history.entries
         from unnest($1::text[]) as wanted (wanted_id)
         cross join lateral (
           select max(posting_no) as posted_through, json_agg(${LEDGER_ENTRY} order by posting_no)::text as entries
             from point_entries where member_id = wanted_id and not deleted) as history`,
      [unique.slice(start, start + MEMBERS_PER_READ)],
    );
    for (const row of rows) {
      const ledger = ledgers.get(row.member_id);
      if (!ledger || row.entries === null) continue;
      for (const entry of JSON.parse(row.entries) as LedgerRow[]) {
        const at = isoTime(entry.at);
        // Fields the rules do not read are filled in only to make a whole wire entry for the bridge.
        ledger.entries.push(toLedgerEntry({ ...entry, at, memberId: row.member_id, deviceId: '', staffId: '', createdAt: at }));
      }
      ledger.postedThrough = int(row.posted_through);
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
