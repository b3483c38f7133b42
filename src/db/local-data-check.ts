import type { CollectionName } from '../protocol/index.ts';
import type { TenpoDatabase } from './database.ts';

/**
 * Finds collections whose local data went missing under the app, so their
 * replication can pull everything again.
 *
 * RxDB's Dexie storage keeps each collection in its own IndexedDB database,
 * and the replication checkpoints and this tablet's local documents (the
 * enrolment) in others. When the browser loses one of them — storage
 * eviction, a WebKit IndexedDB bug, a storage process that died mid-write —
 * the rest stays, and the surviving checkpoint says "already pulled": the
 * tablet would sit with no members for good. (Losing the whole origin loses
 * the enrolment too, and the tablet enrols again from scratch.)
 *
 * The detector: a collection that held documents once (noted here, in the
 * local documents) and is empty now went missing. Such a collection gets a
 * new replication generation, i.e. a new identifier and an empty checkpoint,
 * so it is pulled again from the start. That is safe for every kind of
 * collection because it is empty: there is nothing local to push again, and
 * the unsynced writes of the other collections keep their own replication and
 * checkpoint. A collection emptied on purpose (every document deleted) costs
 * one needless pull of nothing.
 */

interface FillRecord {
  /** The collection has held documents on this tablet. */
  filled: boolean;
  /** How many times it was found missing: part of its replication identifier. */
  generation: number;
}

const keyOf = (name: CollectionName): string => `local-data:${name}`;

async function readRecord(db: TenpoDatabase, name: CollectionName): Promise<FillRecord> {
  const doc = await db.getLocal<FillRecord>(keyOf(name));
  const data = doc?.toJSON().data;
  return { filled: data?.filled === true, generation: typeof data?.generation === 'number' ? data.generation : 0 };
}

async function hasDocuments(db: TenpoDatabase, name: CollectionName): Promise<boolean> {
  return (await db[name].findOne().exec()) !== null;
}

export interface LocalDataCheck {
  /** Collections found missing now (they will be pulled again). */
  missing: CollectionName[];
  /** The replication generation of each collection checked. */
  generations: Partial<Record<CollectionName, number>>;
}

/** Run before the replications start: their identifiers depend on the answer. */
export async function checkLocalData(db: TenpoDatabase, names: readonly CollectionName[]): Promise<LocalDataCheck> {
  const missing: CollectionName[] = [];
  const generations: Partial<Record<CollectionName, number>> = {};
  for (const name of names) {
    const record = await readRecord(db, name);
    const present = await hasDocuments(db, name);
    if (record.filled && !present) {
      missing.push(name);
      record.generation += 1;
      record.filled = false;
      await db.upsertLocal<FillRecord>(keyOf(name), record);
    } else if (present && !record.filled) {
      await db.upsertLocal<FillRecord>(keyOf(name), { ...record, filled: true });
    }
    generations[name] = record.generation;
  }
  return { missing, generations };
}

/** After a pull: a collection that now holds documents is noted, so that losing them later is noticed. */
export async function noteFilled(db: TenpoDatabase, name: CollectionName): Promise<void> {
  const record = await readRecord(db, name);
  if (record.filled || !(await hasDocuments(db, name))) return;
  await db.upsertLocal<FillRecord>(keyOf(name), { ...record, filled: true });
}
