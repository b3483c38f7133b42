/**
 * The one database interface of the server. Services, migrations and the demo
 * loader speak only this, so the embedded PGlite driver and the PostgreSQL pool
 * driver are interchangeable. Both drivers parse bigint as a JS number and
 * timestamptz as a Date, so rows look the same whichever one produced them.
 */
export interface SqlResult<R> {
  rows: R[];
}

export interface Queryable {
  /** One statement with $1… parameters. */
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<SqlResult<R>>;
  /** A script of several statements, no parameters (migrations). */
  exec(script: string): Promise<void>;
}

export interface Sql extends Queryable {
  readonly driver: 'pglite' | 'pg';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
