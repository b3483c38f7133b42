/**
 * Keys of transaction-scoped advisory locks (pg_advisory_xact_lock). Advisory
 * locks are per database, so separate Tenpo databases on one cluster do not
 * contend.
 */

/**
 * Held by every transaction that writes a synced table, from its start to its
 * commit, so that commit order equals seq order (see migrations/0001-initial.sql).
 * The migration's trigger uses the same literal: change both or neither.
 */
export const SYNC_WRITE_LOCK = 7346001;

/** Held while migrating, so two instances starting at once do not both apply a migration. */
export const MIGRATE_LOCK = 7346002;

/**
 * Held while a starting instance makes its enrolment codes and demo key, so
 * that instances starting together on a new database make one set, not one each.
 */
export const STARTUP_LOCK = 7346003;
