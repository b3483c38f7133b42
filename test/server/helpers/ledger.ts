import type { PointEntry, PointEntryDraft, PointsPolicy } from '../../../src/protocol/index.ts';
import { DEFAULT_POINTS_POLICY } from '../../../src/protocol/index.ts';
import { createInProcessNotifier } from '../../../server/fanout/notifier.ts';
import type { ChangeNotifier } from '../../../server/fanout/notifier.ts';
import { accountFields, readLedgers, type AccountFields } from '../../../server/services/accounts.ts';
import { POINT_ACCOUNT_COLUMNS, pointAccountDocument, withoutTombstone } from '../../../server/services/documents.ts';
import { findEntries, postEntries, recomputeAccounts, type DraftInput, type PostOutcome } from '../../../server/services/ledger.ts';
import { setPointsPolicy } from '../../../server/services/settings.ts';
import { writeTransaction } from '../../../server/services/write-transaction.ts';
import type { Sql } from '../../../server/store/sql.ts';
import type { LedgerEntry } from '../../../src/domain/ledger/index.ts';
import { MEMBER_1, SHOP_A, seedFixture } from './fixture.ts';
import { openTestStore } from './test-store.ts';

/**
 * The ledger services on a fresh test database with the fixture chain, no
 * HTTP: for rules that need a controlled clock (every call takes `now`).
 */
export interface LedgerHarness {
  sql: Sql;
  notifier: ChangeNotifier;
  post(drafts: readonly DraftInput[], now: string): Promise<PostOutcome[]>;
  /** Posts one draft that must be new, and returns it as stored. */
  postOne(draft: DraftInput, now: string): Promise<PointEntry>;
  account(memberId?: string): Promise<AccountFields | null>;
  recompute(now: string, memberId?: string): Promise<void>;
  entry(id: string): Promise<PointEntry | undefined>;
  /** The member's posted ledger as the domain reads it. */
  ledger(memberId?: string): Promise<LedgerEntry[]>;
  setPolicy(changes: Partial<PointsPolicy>): Promise<void>;
  close(): Promise<void>;
}

export async function openLedger(): Promise<LedgerHarness> {
  const sql = await openTestStore();
  await seedFixture(sql);
  const notifier = createInProcessNotifier();
  const post = (drafts: readonly DraftInput[], now: string) => writeTransaction(sql, notifier, (ctx) => postEntries(ctx, drafts, { now }));
  const harness: LedgerHarness = {
    sql,
    notifier,
    post,
    async postOne(draft, now) {
      const [outcome] = await post([draft], now);
      if (outcome?.kind !== 'posted') throw new Error(`expected ${draft.id} to post, got ${outcome?.kind}`);
      return withoutTombstone(outcome.entry);
    },
    async account(memberId = MEMBER_1.id) {
      const { rows } = await sql.query(`select ${POINT_ACCOUNT_COLUMNS} from point_accounts where member_id = $1`, [memberId]);
      return rows[0] ? accountFields(pointAccountDocument(rows[0])) : null;
    },
    recompute: (now, memberId = MEMBER_1.id) => sql.transaction((tx) => recomputeAccounts(tx, [memberId], now)),
    async entry(id) {
      const [found] = await findEntries(sql, [id]);
      return found ? withoutTombstone(found) : undefined;
    },
    async ledger(memberId = MEMBER_1.id) {
      return (await readLedgers(sql, [memberId])).get(memberId)?.entries ?? [];
    },
    setPolicy: (changes) => writeTransaction(sql, notifier, async ({ tx, changed }) => {
      await setPointsPolicy(tx, { ...DEFAULT_POINTS_POLICY, ...changes });
      changed.add('settings');
    }),
    async close() {
      await notifier.close();
      await sql.close();
    },
  };
  return harness;
}

let counter = 0;

/** A draft of any type for MEMBER_1 at SHOP_A, made at `createdAt`; fields of its type via overrides. */
export function draft(type: PointEntryDraft['type'], points: number, createdAt: string, overrides: Partial<PointEntryDraft> = {}): PointEntryDraft {
  counter += 1;
  return {
    id: crypto.randomUUID(),
    memberId: MEMBER_1.id,
    type,
    points,
    amountYen: type === 'earn' ? points * 100 : 0,
    channel: 'store',
    shopId: SHOP_A,
    deviceId: 'device-test',
    staffId: '',
    ref: `R-test-${String(counter).padStart(6, '0')}`,
    createdAt,
    ...overrides,
  };
}

/** An instant in Japan time, e.g. jst('2026-03-01 10:00'). */
export function jst(local: string): string {
  return new Date(`${local.replace(' ', 'T')}:00+09:00`).toISOString();
}

/** `days` after an instant. */
export function later(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * 24 * 3600 * 1000).toISOString();
}
