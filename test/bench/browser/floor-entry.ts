/**
 * Runs in headless Chromium at the tablet's origin, bundled by browser-bench.ts
 * from the app's own modules: the floor that initial sync is measured against
 * (the same documents bulk-inserted into a fresh database with the app's
 * schemas and storage, no network), and RxDB findOne, the floor of the counter
 * lookup. Exposed as `window.tenpoBench` for page.evaluate.
 */
import '../../../src/app/zod-jitless.ts';
import type { RxCollection } from 'rxdb';
import { fieldsOf, openTenpoDatabase, type TenpoDatabase } from '../../../src/db/index.ts';
import { SYNC_COLLECTIONS, type CollectionName } from '../../../src/protocol/index.ts';
import { PULL_BATCH_SIZE } from '../../../src/sync/replicate-collection.ts';
import { createHttpTransport } from '../../../src/sync/transport.ts';

type Doc = Record<string, unknown>;

export interface FloorResult {
  ms: number;
  counts: Record<string, number>;
}

export interface TenpoBench {
  /** Pulls everything the device may see, as the tablet's replication would (not timed). Returns the counts, tombstones included. */
  pullAll(token: string): Promise<Record<string, number>>;
  /** Bulk-inserts what pullAll fetched into a fresh database; times the inserts. */
  insertAll(): Promise<FloorResult>;
  /** Times `findOne` by member number on the floor database, one call per number (ms each). */
  findByMemberNo(memberNos: readonly string[]): Promise<number[]>;
  close(): Promise<void>;
}

const pulled = new Map<CollectionName, Doc[]>();
let floor: TenpoDatabase | null = null;

/** The fields the replication keeps (replicate-collection.ts `strip`); tombstones are not inserted. */
function strip(name: CollectionName, doc: Doc): Doc {
  const kept: Doc = {};
  for (const field of fieldsOf(name)) if (doc[field] !== undefined) kept[field] = doc[field];
  return kept;
}

const bench: TenpoBench = {
  async pullAll(token) {
    const transport = createHttpTransport({ token });
    const counts: Record<string, number> = {};
    const names = (Object.keys(SYNC_COLLECTIONS) as CollectionName[]).filter((name) => SYNC_COLLECTIONS[name].kind !== 'push-only');
    for (const name of names) {
      const docs: Doc[] = [];
      let total = 0;
      let checkpoint;
      for (;;) {
        const page = await transport.pull(name, checkpoint, PULL_BATCH_SIZE);
        total += page.documents.length;
        for (const doc of page.documents) if (doc._deleted !== true) docs.push(strip(name, doc));
        if (page.documents.length < PULL_BATCH_SIZE || !page.checkpoint) break;
        checkpoint = page.checkpoint;
      }
      pulled.set(name, docs);
      counts[name] = total;
    }
    return counts;
  },

  async insertAll() {
    // Opened before the clock starts: the tablet's database is open before the enrol tap too.
    const db = await openTenpoDatabase({ name: `bench-floor-${crypto.randomUUID()}` });
    floor = db;
    const started = performance.now();
    // Every collection at once, in the sync's batch size: what the replications do, minus the network.
    await Promise.all(
      [...pulled].map(async ([name, docs]) => {
        const collection = db[name] as unknown as RxCollection<Doc>;
        for (let i = 0; i < docs.length; i += PULL_BATCH_SIZE) {
          const { error } = await collection.bulkInsert(docs.slice(i, i + PULL_BATCH_SIZE));
          if (error.length > 0) throw new Error(`${name}: ${error.length} inserts failed, first: ${JSON.stringify(error[0])}`);
        }
      }),
    );
    const ms = performance.now() - started;
    const counts: Record<string, number> = {};
    for (const name of pulled.keys()) counts[name] = await (db[name] as unknown as RxCollection<Doc>).count().exec();
    return { ms, counts };
  },

  async findByMemberNo(memberNos) {
    if (!floor) throw new Error('insertAll first');
    const times: number[] = [];
    for (const memberNo of memberNos) {
      const started = performance.now();
      const found = await floor.members.findOne({ selector: { memberNo } }).exec();
      times.push(performance.now() - started);
      if (!found) throw new Error(`member ${memberNo} not in the floor database`);
    }
    return times;
  },

  async close() {
    await floor?.remove();
    floor = null;
    pulled.clear();
  },
};

(window as unknown as { tenpoBench: TenpoBench }).tenpoBench = bench;
