/** The paper card migration wizard's door to the database (re-exported by index.ts in one line). */
export { migratePaperCard, migrationNeedsApproval, migrationStatus, observeOwnMigrations, paperCardTaken } from './paper-card-migrations.ts';
export type { MigrateFailure, MigratePaperCardInput, MigrateResult, MigrationStatus, OwnMigration } from './paper-card-migrations.ts';
export type { PaperCardRecord } from './paper-card-records.ts';
export { useOwnMigrations } from './hooks/use-own-migrations.ts';
