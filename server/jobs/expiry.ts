import { createHash } from 'node:crypto';
import type { ExpireEntry } from '../../src/domain/ledger/index.ts';
import { dueExpiries } from '../../src/domain/ledger/index.ts';
import type { ChangeNotifier } from '../fanout/notifier.ts';
import { readLedgers } from '../services/accounts.ts';
import { ledgerPolicy } from '../services/ledger-entry.ts';
import { postEntries, type DraftInput } from '../services/ledger.ts';
import { pointsPolicy } from '../services/settings.ts';
import { writeTransaction } from '../services/write-transaction.ts';
import type { Queryable, Sql } from '../store/sql.ts';

export interface ExpiryRun {
  now: string;
  /** Members whose ledgers were checked. */
  members: number;
  /** Expire entries posted by this run (0 when another run had posted them already). */
  posted: number;
  points: number;
}

export interface ExpiryOptions {
  now: string;
  notifier: ChangeNotifier;
  /** Members per transaction: the write lock is held for one slice at a time. */
  sliceSize?: number;
}

/** Entries posted by the server itself carry this device id. */
export const SERVER_DEVICE_ID = 'server';

/**
 * Posts an expire entry for every lot that has expired by `now` (domain
 * dueExpiries), for every member with entries. Each slice is read and posted
 * in one write transaction, so no posting can slip in between deciding what
 * expired and expiring it. Keys are deterministic: a second run, or a run on
 * another instance at the same time, posts nothing new.
 */
export async function runExpiry(sql: Sql, { now, notifier, sliceSize = 500 }: ExpiryOptions): Promise<ExpiryRun> {
  const run: ExpiryRun = { now, members: 0, posted: 0, points: 0 };
  const members = await membersWithEntries(sql);
  for (let start = 0; start < members.length; start += sliceSize) {
    const slice = members.slice(start, start + sliceSize);
    await writeTransaction(sql, notifier, async (ctx) => {
      const policy = ledgerPolicy(await pointsPolicy(ctx.tx));
      const ledgers = await readLedgers(ctx.tx, slice);
      const drafts: DraftInput[] = [];
      for (const ledger of ledgers.values()) {
        for (const expire of dueExpiries(ledger.entries, policy, now)) drafts.push(expireDraft(ledger.memberId, expire));
      }
      for (const outcome of await postEntries(ctx, drafts, { now })) {
        if (outcome.kind !== 'posted') continue;
        run.posted += 1;
        run.points += outcome.entry.points;
      }
    });
    run.members += slice.length;
  }
  return run;
}

function expireDraft(memberId: string, expire: ExpireEntry): DraftInput {
  return {
    id: entryKey(expire.id, expire.lotId, expire.expiresOn),
    memberId,
    type: 'expire',
    points: expire.points,
    amountYen: 0,
    channel: expire.channel,
    shopId: expire.shopId,
    deviceId: SERVER_DEVICE_ID,
    lotId: expire.lotId,
    expiresOn: expire.expiresOn,
    // The instant the points stopped being usable: posted later, it is still their business time.
    createdAt: expire.at,
  };
}

const KEY = /^[A-Za-z0-9:_.-]{8,100}$/;

/**
 * The domain's key (`expire:<lot>:<date>`), unless a long lot id (an EC key
 * of up to 100 characters) makes it too long for an idempotency key; then a
 * hash of it, just as deterministic.
 */
export function entryKey(domainKey: string, lotId: string, expiresOn: string): string {
  if (KEY.test(domainKey)) return domainKey;
  return `expire:h${createHash('sha256').update(`${lotId}\n${expiresOn}`).digest('hex').slice(0, 40)}:${expiresOn}`;
}

async function membersWithEntries(sql: Queryable): Promise<string[]> {
  const { rows } = await sql.query<{ member_id: string }>('select distinct member_id from point_entries order by member_id');
  return rows.map((r) => r.member_id);
}
