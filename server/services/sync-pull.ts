import type { CollectionName, PullQuery, PullResponse } from '../../src/protocol/index.ts';
import type { Queryable } from '../store/sql.ts';
import { readChanges } from './changes.ts';
import { SYNCED_TABLES } from './collections.ts';
import type { Device } from './devices.ts';

/**
 * One page of a collection after the client's checkpoint, within the device's
 * scope (collections.ts). The checkpoint moves to the last row read, or stays where the
 * client was when nothing is newer; it is null only for an empty collection and
 * a client that had no checkpoint.
 */
export async function pull(sql: Queryable, collection: CollectionName, query: PullQuery, device: Device): Promise<PullResponse> {
  const from = { seq: query.seq, id: query.id };
  const page = await readChanges(sql, collection, from, query.limit, device);
  // The SQL scope already chose the rows; visibleTo stays as a second lock, so a
  // table whose scope and visibleTo disagree leaks nothing.
  const table = SYNCED_TABLES[collection];
  const scope = await table.loadScope?.(sql, page.documents);
  const documents = page.documents.filter((doc) => table.visibleTo(device, doc, scope));
  const fresh = from.seq === 0 && from.id === '';
  return { documents, checkpoint: page.last ?? (fresh ? null : from) };
}
