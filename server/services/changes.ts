import type { Checkpoint, CollectionName } from '../../src/protocol/index.ts';
import type { Queryable } from '../store/sql.ts';
import { type AnyDocument, SYNCED_TABLES } from './collections.ts';
import type { Device } from './devices.ts';
import { int } from './rows.ts';

export interface ChangePage {
  documents: AnyDocument[];
  /** (seq, id) of the last row read; null when nothing was read. */
  last: Checkpoint | null;
}

/**
 * Rows of a collection strictly after (seq, id), in (seq, id) order: the one
 * read behind both pull and the stream tailers. Served by the (seq, id) index.
 * With a device, only the rows in its scope (pull); without, every row (the
 * tailers, whose batches the hub filters per device).
 */
export async function readChanges(
  sql: Queryable,
  collection: CollectionName,
  after: Checkpoint,
  limit: number,
  device?: Device,
): Promise<ChangePage> {
  const t = SYNCED_TABLES[collection];
  const params: unknown[] = [after.seq, after.id, limit];
  const bind = (value: unknown): string => `$${params.push(value)}`;
  const scope = device && t.scope ? ` and (${t.scope(device, bind)})` : '';
  const { rows } = await sql.query(
    `select ${t.columns} from ${t.table} where (seq, ${t.idColumn}) > ($1, $2)${scope} order by seq, ${t.idColumn} limit $3`,
    params,
  );
  const documents = rows.map((row) => t.toDocument(row));
  const lastRow = rows.at(-1);
  const lastDoc = documents.at(-1);
  return { documents, last: lastRow && lastDoc ? { seq: int(lastRow.seq), id: lastDoc.id } : null };
}

/** The newest (seq, id) of a collection, or the zero checkpoint when it is empty. */
export async function latestCheckpoint(sql: Queryable, collection: CollectionName): Promise<Checkpoint> {
  const t = SYNCED_TABLES[collection];
  const { rows } = await sql.query(`select seq, ${t.idColumn} as id from ${t.table} order by seq desc, ${t.idColumn} desc limit 1`);
  const row = rows[0];
  return row ? { seq: int(row.seq), id: String(row.id) } : { seq: 0, id: '' };
}
