import type { CollectionName } from '../../src/protocol/index.ts';
import type { ChangeNotifier } from '../fanout/notifier.ts';
import { SYNC_WRITE_LOCK } from '../store/locks.ts';
import type { Queryable, Sql } from '../store/sql.ts';

export interface WriteContext {
  tx: Queryable;
  /** Collections this transaction wrote; announced to the streams after commit. */
  changed: Set<CollectionName>;
}

/**
 * The only way services write synced tables. It takes the sync write lock
 * first thing, so that commit order equals seq order (a tailer or puller that
 * has passed seq 8 must never later find a 7), and so that no transaction holds
 * row locks while waiting for it (that order would deadlock). Listeners hear of
 * the change only after commit: before, they could not read it yet.
 */
export async function writeTransaction<T>(
  sql: Sql,
  notifier: ChangeNotifier,
  fn: (ctx: WriteContext) => Promise<T>,
): Promise<T> {
  const changed = new Set<CollectionName>();
  const result = await sql.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [SYNC_WRITE_LOCK]);
    return fn({ tx, changed });
  });
  if (changed.size > 0) notifier.publish([...changed]);
  return result;
}
