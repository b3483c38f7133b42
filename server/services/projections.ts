import type { ChangeNotifier } from '../fanout/notifier.ts';
import type { Queryable, Sql } from '../store/sql.ts';
import { accountFields, accountOf, readLedgers, writeAccounts, type AccountFields } from './accounts.ts';
import { POINT_ACCOUNT_COLUMNS, pointAccountDocument } from './documents.ts';
import { pointsPolicy } from './settings.ts';
import { writeTransaction } from './write-transaction.ts';

/** One field of one account that is not what the ledger projects to. */
export interface ProjectionDifference {
  memberId: string;
  memberNo: string;
  /** `account` when the row itself is missing. */
  field: keyof AccountFields | 'account';
  stored: unknown;
  computed: unknown;
}

export interface RebuildReport {
  now: string;
  /** Members checked: every member with an entry or an account. */
  members: number;
  differences: ProjectionDifference[];
  /** Accounts rewritten (fix only). */
  fixed: number;
}

export interface RebuildOptions {
  /** The projection's clock: vesting, expiry state and rank depend on it. */
  now: string;
  /** Write the computed account wherever it differs. */
  fix?: boolean;
  /** Tell this process's streams about fixed accounts (the server's job; a CLI has no streams). */
  notifier?: ChangeNotifier;
  /** Members per transaction: the write lock is held for one slice at a time, not for the whole chain. */
  sliceSize?: number;
}

const COMPARED: readonly (keyof AccountFields)[] = ['balance', 'available', 'debt', 'lots', 'rank', 'flaggedEntryIds', 'postedThrough'];

/**
 * Recomputes every account from the ledger and reports each difference from
 * the stored row; with `fix`, writes the computed accounts that differ. Each
 * slice reads entries and accounts under the write lock, so a posting in
 * between cannot show up as a false difference. Available and rank move with
 * time (vesting, expiry, the trailing rank window): the daily job runs this
 * with `fix` to keep them current, so a difference found later is real.
 */
export async function rebuildProjections(sql: Sql, options: RebuildOptions): Promise<RebuildReport> {
  const report: RebuildReport = { now: options.now, members: 0, differences: [], fixed: 0 };
  const notifier = options.notifier ?? silentNotifier;
  const members = await membersWithPoints(sql);
  const size = options.sliceSize ?? 1000;
  for (let start = 0; start < members.length; start += size) {
    const slice = members.slice(start, start + size);
    await writeTransaction(sql, notifier, async ({ tx, changed }) => {
      const policy = await pointsPolicy(tx);
      const ledgers = await readLedgers(tx, slice.map((m) => m.id));
      const stored = await storedAccounts(tx, slice.map((m) => m.id));
      const wrong: AccountFields[] = [];
      for (const member of slice) {
        const ledger = ledgers.get(member.id);
        if (!ledger) continue;
        const computed = accountOf(ledger, policy, options.now).account;
        const found = compare(member, stored.get(member.id) ?? null, computed);
        report.differences.push(...found);
        if (found.length > 0) wrong.push(computed);
      }
      report.members += slice.length;
      if (options.fix && wrong.length > 0) {
        await writeAccounts(tx, wrong);
        changed.add('point_accounts');
        report.fixed += wrong.length;
      }
    });
  }
  return report;
}

function compare(member: { id: string; memberNo: string }, stored: AccountFields | null, computed: AccountFields): ProjectionDifference[] {
  const base = { memberId: member.id, memberNo: member.memberNo };
  if (!stored) return [{ ...base, field: 'account', stored: null, computed }];
  return COMPARED.filter((field) => JSON.stringify(stored[field]) !== JSON.stringify(computed[field])).map((field) => ({
    ...base,
    field,
    stored: stored[field],
    computed: computed[field],
  }));
}

async function membersWithPoints(sql: Queryable): Promise<{ id: string; memberNo: string }[]> {
  const { rows } = await sql.query<{ id: string; member_no: string }>(
    `select m.id, m.member_no from members m
      where exists (select 1 from point_entries e where e.member_id = m.id)
         or exists (select 1 from point_accounts a where a.member_id = m.id and not a.deleted)
      order by m.id`,
  );
  return rows.map((r) => ({ id: r.id, memberNo: r.member_no }));
}

async function storedAccounts(tx: Queryable, memberIds: readonly string[]): Promise<Map<string, AccountFields>> {
  const { rows } = await tx.query(`select ${POINT_ACCOUNT_COLUMNS} from point_accounts where member_id = any($1::text[]) and not deleted`, [
    memberIds,
  ]);
  const accounts = new Map<string, AccountFields>();
  for (const row of rows) {
    const fields = accountFields(pointAccountDocument(row));
    accounts.set(fields.memberId, fields);
  }
  return accounts;
}

const silentNotifier: ChangeNotifier = {
  publish: () => undefined,
  subscribe: () => () => undefined,
  close: () => Promise.resolve(),
};
