import type { LedgerFlagReason, Projection } from '../../src/domain/ledger/index.ts';
import { project } from '../../src/domain/ledger/index.ts';
import type { z } from 'zod';
import type { PointEntry, PointEntryDraft, WireDocument } from '../../src/protocol/index.ts';
import { ENTRY_FLAGS, pointEntryDraftSchema, TenpoError } from '../../src/protocol/index.ts';
import type { Queryable } from '../store/sql.ts';
import { accountOf, readLedgers, writeAccounts, type MemberLedger } from './accounts.ts';
import { POINT_ENTRY_COLUMNS, pointEntryDocument } from './documents.ts';
import { ledgerPolicy, toLedgerEntry, type TimedDraft } from './ledger-entry.ts';
import { isoTime, sameInstant } from './rows.ts';
import { pointsPolicy } from './settings.ts';
import { parseEach } from './validate.ts';
import type { WriteContext } from './write-transaction.ts';

/**
 * The ledger: the one place where point entries are posted and balances are
 * projected. Sync push and /api/v1/point-entries both post through here, so a
 * tablet and the EC site can never disagree on what "posted" means.
 */
export type PostOutcome =
  /** New id: posted now, with the next posting number. */
  | { kind: 'posted'; entry: WireDocument<PointEntry> }
  /** Id already posted with the same content: a retry, nothing written. */
  | { kind: 'duplicate'; entry: WireDocument<PointEntry> }
  /** Id already posted with other content: the stored entry stands. */
  | { kind: 'conflict'; entry: WireDocument<PointEntry> };

/** What a writer hands in: a draft, where staffId and ref may be left out (they default to ''). */
export type DraftInput = z.input<typeof pointEntryDraftSchema>;

export interface PostOptions {
  /**
   * Posting time (and the projection's `now`). Default: the database clock,
   * the one clock every server instance shares. Tests and the expiry job's
   * controllable clock pass it.
   */
  now?: string;
}

/**
 * Posts drafts in the given order inside the caller's write transaction (which
 * holds the sync write lock, so posting order equals commit order), then
 * recomputes the accounts of members that received entries. Each new entry is
 * posted with what the projection decided about it at that point of its
 * member's ledger: its flags (an overdraft is posted all the same — the goods
 * are gone) and the debt it repaid. Invalid drafts or an unknown member fail
 * the whole call with a 400: nothing of the batch is written.
 */
export async function postEntries(
  { tx, changed }: WriteContext,
  input: readonly DraftInput[],
  options: PostOptions = {},
): Promise<PostOutcome[]> {
  if (input.length === 0) return [];
  const drafts = parseEach(pointEntryDraftSchema, input, 'point entries');
  await requireMembers(tx, drafts.map((d) => d.memberId));

  const known = new Map<string, PointEntryDraft>();
  const reversed = drafts.flatMap((d) => (d.reverses === undefined ? [] : [d.reverses]));
  // Read once: a retried batch is answered from these, not from a second read.
  const stored = new Map<string, WireDocument<PointEntry>>();
  for (const entry of await findEntries(tx, [...drafts.map((d) => d.id), ...reversed])) {
    known.set(entry.id, entry);
    stored.set(entry.id, entry);
  }

  // First pass: retries and conflicts keep the stored entry; new ids (once each) are posted.
  const fresh: PointEntryDraft[] = [];
  const freshIds = new Set<string>();
  drafts.forEach((draft, index) => {
    const seen = known.get(draft.id);
    if (seen) return;
    checkReversal(draft, index, known);
    known.set(draft.id, draft);
    freshIds.add(draft.id);
    fresh.push(draft);
  });

  const posted = fresh.length > 0 ? await postFresh(tx, fresh, options.now) : new Map<string, WireDocument<PointEntry>>();
  for (const [id, entry] of posted) stored.set(id, entry);

  const outcomes = drafts.map((draft): PostOutcome => {
    const entry = stored.get(draft.id);
    if (!entry) throw new Error(`entry ${draft.id} neither posted nor found`);
    if (freshIds.delete(draft.id)) return { kind: 'posted', entry };
    return { kind: sameDraft(entry, draft) ? 'duplicate' : 'conflict', entry };
  });
  if (posted.size > 0) {
    changed.add('point_entries');
    changed.add('point_accounts');
    // A first visit at a shop brings the member into its tablets' scope: the
    // presence trigger (migration 0014) gave the member row a new seq.
    changed.add('members');
  }
  return outcomes;
}

/**
 * A reversal must undo an entry of the same member and of the type it says.
 * An unknown target is allowed (posted and flagged by the projection): an EC
 * order may be cancelled before its earn reaches us.
 */
function checkReversal(draft: PointEntryDraft, index: number, known: ReadonlyMap<string, PointEntryDraft>): void {
  if (draft.type !== 'reversal' || draft.reverses === undefined) return;
  const target = known.get(draft.reverses);
  const problem =
    draft.reversesType === 'redeem' && draft.points === 0
      ? 'giving back 0 points gives back nothing'
      : target && target.memberId !== draft.memberId
        ? `entry ${draft.reverses} belongs to another member`
        : target && target.type !== draft.reversesType
          ? `entry ${draft.reverses} is a ${target.type}, not a ${String(draft.reversesType)}`
          : null;
  if (problem) {
    throw new TenpoError('invalid-request', 'invalid point entries', 400, [{ index, id: draft.id, issues: [{ path: 'reverses', message: problem }] }]);
  }
}

/** Writes new entries with their posting numbers, flags and repayments, and the accounts of their members. */
async function postFresh(tx: Queryable, fresh: readonly PointEntryDraft[], now?: string): Promise<Map<string, WireDocument<PointEntry>>> {
  const postedAt = now ?? (await databaseNow(tx));
  const numbers = await nextPostingNumbers(tx, fresh.length);
  const policy = await pointsPolicy(tx);
  const ledgers = await readLedgers(tx, fresh.map((d) => d.memberId));

  const timed: TimedDraft[] = fresh.map((draft) => ({ ...draft, at: earlier(draft.createdAt, postedAt) }));
  for (const entry of timed) ledgers.get(entry.memberId)?.entries.push(toLedgerEntry(entry));
  const decided = new Map<string, { flags: string[]; repaid: number | null }>();
  const accounts = [...ledgers.values()].map((ledger) => {
    const { account, projection } = accountOf(withThrough(ledger, fresh, numbers), policy, postedAt);
    for (const entry of timed) if (entry.memberId === ledger.memberId) decided.set(entry.id, decisions(projection, entry.id));
    return account;
  });

  const rows = timed.map((entry, i) => ({ ...entry, postingNo: numbers[i], postedAt, ...decided.get(entry.id) }));
  const { rows: inserted } = await tx.query(INSERT_ENTRIES, [JSON.stringify(rows)]);
  await writeAccounts(tx, accounts);
  return new Map(inserted.map((row) => [String(row.id), pointEntryDocument(row)]));
}

function withThrough(ledger: MemberLedger, fresh: readonly PointEntryDraft[], numbers: readonly number[]): MemberLedger {
  let through = ledger.postedThrough;
  fresh.forEach((draft, i) => {
    if (draft.memberId === ledger.memberId) through = Math.max(through, numbers[i] ?? 0);
  });
  return { ...ledger, postedThrough: through };
}

const POSTED_FLAGS: ReadonlySet<string> = new Set(ENTRY_FLAGS);

/** What the projection decided about one entry: why it is flagged, and the debt it paid back. */
function decisions(projection: Projection, entryId: string): { flags: string[]; repaid: number | null } {
  const reasons = new Set<LedgerFlagReason>();
  for (const flag of projection.flags) if (flag.entryId === entryId) reasons.add(flag.reason);
  // duplicate-id and invalid-points cannot happen to a validated, unique entry; they are not wire flags.
  const flags = [...reasons].filter((reason) => POSTED_FLAGS.has(reason));
  const repaid = projection.repayments.filter((r) => r.entryId === entryId).reduce((sum, r) => sum + r.points, 0);
  return { flags, repaid: repaid > 0 ? repaid : null };
}

// Business time is the writer's clock but never after posting (a tablet clock set to next
// year must not date points into the future). The column is generated the same way.
function earlier(createdAt: string, postedAt: string): string {
  return Date.parse(createdAt) <= Date.parse(postedAt) ? isoTime(createdAt) : isoTime(postedAt);
}

async function databaseNow(tx: Queryable): Promise<string> {
  const { rows } = await tx.query<{ now: unknown }>('select now() as now');
  return isoTime(rows[0]?.now);
}

async function nextPostingNumbers(tx: Queryable, count: number): Promise<number[]> {
  const { rows } = await tx.query<{ n: number }>(`select nextval('posting_no_seq') as n from generate_series(1, $1::int)`, [count]);
  // Handed out in posting order: the write lock is held, so they are consecutive and rise with the batch.
  return rows.map((r) => Number(r.n)).sort((a, b) => a - b);
}

const INSERT_ENTRIES = `
  insert into point_entries
    (id, member_id, type, points, amount_yen, channel, shop_id, device_id, staff_id, ref, line, reverses,
     reverses_type, direction, expires_on, lot_id, rule, campaign_id, offline, created_at, posting_no, posted_at,
     flags, repaid)
  select id, "memberId", type, points, "amountYen", channel, "shopId", "deviceId", "staffId", ref, line, reverses,
         "reversesType", direction, "expiresOn", "lotId", rule, "campaignId", offline, "createdAt", "postingNo", "postedAt",
         array(select jsonb_array_elements_text(flags)), repaid
    from jsonb_to_recordset($1::jsonb) as x (
      id text, "memberId" text, type text, points integer, "amountYen" bigint, channel text, "shopId" text,
      "deviceId" text, "staffId" text, ref text, line text, reverses text, "reversesType" text, direction text,
      "expiresOn" date, "lotId" text, rule text, "campaignId" text, offline boolean, "createdAt" timestamptz,
      "postingNo" bigint, "postedAt" timestamptz, flags jsonb, repaid integer)
  returning ${POINT_ENTRY_COLUMNS}`;

/**
 * Same idempotency key, same writer-owned content: a retry. Server fields
 * (postingNo, postedAt, at, flags, repaid) are not compared; a tablet echoes
 * them back or not.
 */
export function sameDraft(stored: PointEntryDraft, draft: PointEntryDraft): boolean {
  return (
    stored.memberId === draft.memberId &&
    stored.type === draft.type &&
    stored.points === draft.points &&
    stored.amountYen === draft.amountYen &&
    stored.channel === draft.channel &&
    stored.shopId === draft.shopId &&
    stored.deviceId === draft.deviceId &&
    stored.staffId === draft.staffId &&
    stored.ref === draft.ref &&
    stored.line === draft.line &&
    stored.reverses === draft.reverses &&
    stored.reversesType === draft.reversesType &&
    stored.direction === draft.direction &&
    stored.expiresOn === draft.expiresOn &&
    stored.lotId === draft.lotId &&
    stored.rule === draft.rule &&
    stored.campaignId === draft.campaignId &&
    // Absent and false both mean "made online".
    (stored.offline ?? false) === (draft.offline ?? false) &&
    // The column is timestamptz: compare the instant, not the spelling of its offset.
    sameInstant(stored.createdAt, draft.createdAt)
  );
}

/**
 * Rebuilds point_accounts of the given members from their entries with the
 * domain projection at `now` (default: the database clock). Members are read
 * in slices of many per query, so the demo's 10,000 accounts cost a handful
 * of statements, not 10,000 round trips.
 */
export async function recomputeAccounts(tx: Queryable, memberIds: readonly string[], now?: string): Promise<void> {
  if (memberIds.length === 0) return;
  const at = now ?? (await databaseNow(tx));
  const policy = await pointsPolicy(tx);
  const ledgers = await readLedgers(tx, memberIds);
  await writeAccounts(
    tx,
    [...ledgers.values()].map((ledger) => accountOf(ledger, policy, at).account),
  );
}

/**
 * The domain projection of one member's posted entries at `now` (lots with
 * their expiry and state, available, debt, flags): what /api/v1 checks an
 * online redemption against and shows as expiring lots. Inside a write
 * transaction it sees every entry posted before it (the write lock).
 */
export async function memberProjection(tx: Queryable, memberId: string, now: string): Promise<Projection> {
  const policy = await pointsPolicy(tx);
  const ledger = (await readLedgers(tx, [memberId])).get(memberId);
  return project(ledger?.entries ?? [], ledgerPolicy(policy), now);
}

export async function findEntries(tx: Queryable, ids: readonly string[]): Promise<WireDocument<PointEntry>[]> {
  if (ids.length === 0) return [];
  const { rows } = await tx.query(`select ${POINT_ENTRY_COLUMNS} from point_entries where id = any($1::text[])`, [ids]);
  return rows.map(pointEntryDocument);
}

async function requireMembers(tx: Queryable, memberIds: readonly string[]): Promise<void> {
  const wanted = [...new Set(memberIds)];
  const { rows } = await tx.query<{ id: string }>('select id from members where id = any($1::text[])', [wanted]);
  const found = new Set(rows.map((r) => r.id));
  const unknown = wanted.filter((id) => !found.has(id));
  if (unknown.length > 0) {
    // A 4xx, not a conflict: the tablet retries after its members have been pushed.
    throw new TenpoError('invalid-request', 'point entries refer to unknown members', 400, { unknownMemberIds: unknown });
  }
}
