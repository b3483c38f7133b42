import { randomUUID } from 'node:crypto';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, type EnrolResponse, type PointEntryDraft } from '../../src/protocol/index.ts';
import type { RunningTenpo } from '../../server/start.ts';
import { enrolDevice } from './enrol-device.ts';
import { median, type BenchRow } from './report.ts';

const BATCH = 100; // the tablet's push batch size (src/sync/replicate-collection.ts)
const ENTRIES = 5_000;
const DUPLICATE_SHARE = 0.1;
const RUNS = 5;

/** Issue 8's targets: one shop's embedded server, and a chain's shared PostgreSQL. */
export const LEDGER_PUSH_TARGETS = { PGlite: 2_000, PostgreSQL: 5_000 } as const;
export type LedgerPushStore = keyof typeof LEDGER_PUSH_TARGETS;

export function ledgerPushRowName(store: LedgerPushStore): string {
  return `ledger entries accepted through push (${store}, ${Math.round(DUPLICATE_SHARE * 100)}% retried)`;
}

/**
 * Ledger entries accepted per second through the sync push, with retried
 * (duplicate) batches mixed in as a flaky shop network produces them. Baseline:
 * the floor of writing the same rows with plain multi-row INSERTs on the same
 * store, with no validation, idempotency check or projection.
 */
export async function benchLedgerPush(server: RunningTenpo, store: LedgerPushStore): Promise<BenchRow> {
  const target = LEDGER_PUSH_TARGETS[store];
  const device = await enrolDevice(server.url, server.enrolmentCode ?? '', 'bench');
  const { rows: members } = await server.store.query<{ id: string }>('select id from members order by member_no limit 1000');
  const pushRates: number[] = [];
  const floorRates: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const entries = makeEntries(members.map((m) => m.id), device);
    pushRates.push(await timePush(server, device, entries));
    floorRates.push(await timeFloor(server, makeEntries(members.map((m) => m.id), device)));
  }
  await server.store.query('drop table bench_floor');
  const value = median(pushRates);
  return {
    name: ledgerPushRowName(store),
    value,
    baselineName: 'plain INSERT floor',
    baseline: median(floorRates),
    unit: 'entries/s',
    better: 'higher',
    runs: RUNS,
    target: `≥ ${target.toLocaleString('en-US')}/s`,
    met: value >= target,
  };
}

function makeEntries(memberIds: readonly string[], device: EnrolResponse): PointEntryDraft[] {
  const now = new Date().toISOString();
  return Array.from({ length: ENTRIES }, (_, i) => ({
    id: randomUUID(),
    memberId: memberIds[i % memberIds.length] as string,
    type: 'earn' as const,
    points: 10 + (i % 50),
    amountYen: (10 + (i % 50)) * 100,
    channel: 'store' as const,
    shopId: device.shop.id,
    deviceId: device.deviceId,
    staffId: '',
    ref: `R-bench-${i}`,
    createdAt: now,
  }));
}

/** Pushes every batch once, and re-sends a share of them as a tablet retrying a lost response would. */
async function timePush(server: RunningTenpo, device: EnrolResponse, entries: readonly PointEntryDraft[]): Promise<number> {
  const batches: PointEntryDraft[][] = [];
  for (let i = 0; i < entries.length; i += BATCH) batches.push(entries.slice(i, i + BATCH));
  const retries = batches.filter((_, i) => i % Math.round(1 / DUPLICATE_SHARE) === 0);
  const started = performance.now();
  let accepted = 0;
  for (const batch of [...batches, ...retries]) {
    const res = await fetch(`${server.url}/sync/v1/point_entries/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${device.token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
      body: JSON.stringify(batch.map((newDocumentState) => ({ assumedMasterState: null, newDocumentState }))),
    });
    if (!res.ok) throw new Error(`push failed: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
    accepted += batch.length;
  }
  return accepted / ((performance.now() - started) / 1000);
}

async function timeFloor(server: RunningTenpo, entries: readonly PointEntryDraft[]): Promise<number> {
  // A plain table, not a temp one: on PostgreSQL each pooled statement may run on another connection.
  await server.store.query('create table if not exists bench_floor (like point_entries including defaults)');
  await server.store.query('truncate bench_floor');
  const started = performance.now();
  for (let i = 0; i < entries.length; i += BATCH) {
    const rows = entries.slice(i, i + BATCH).map((e, j) => ({
      id: e.id,
      member_id: e.memberId,
      type: e.type,
      points: e.points,
      amount_yen: e.amountYen,
      channel: e.channel,
      shop_id: e.shopId,
      device_id: e.deviceId,
      created_at: e.createdAt,
      posting_no: i + j + 1,
    }));
    await server.store.query(
      `insert into bench_floor (id, member_id, type, points, amount_yen, channel, shop_id, device_id, created_at, posting_no, posted_at, seq)
       select id, member_id, type, points, amount_yen, channel, shop_id, device_id, created_at, posting_no, now(), 0
       from jsonb_to_recordset($1::jsonb) as x(id text, member_id text, type text, points int, amount_yen bigint,
         channel text, shop_id text, device_id text, created_at timestamptz, posting_no bigint)`,
      [JSON.stringify(rows)],
    );
  }
  return entries.length / ((performance.now() - started) / 1000);
}
