import type { SyncServices } from '../services/sync-push.ts';

/** What the /api/v1 routes need: the store, the change notifier (tablets hear of API writes), and a clock. */
export interface ApiDeps extends SyncServices {
  /**
   * The current time as ISO 8601, for tests. Undefined: the database clock
   * where the ledger reads time, the machine's where a close checks that a
   * month has ended.
   */
  clock?: (() => string) | undefined;
}
