import type { TenpoDatabase } from '../../../src/db/index.ts';

/**
 * The tablet app has one database per page, behind getDatabase() (a module
 * singleton), and its named operations (earnPoints, redeemPoints,
 * loadEnrolment…) read it from there. The simulation runs several tablets in
 * one process, so the test file replaces getDatabase() — and only it — with
 * `activeDatabase()`, and runs each tablet's operations inside `asTablet()`.
 * Operations of different tablets never overlap: the scenario runs one action
 * at a time; replication does not use getDatabase() (it is handed its collection).
 */
let active: TenpoDatabase | null = null;
let busy = false;

export function activeDatabase(): Promise<TenpoDatabase> {
  if (!active) return Promise.reject(new Error('no tablet is active: call the operation inside asTablet()'));
  return Promise.resolve(active);
}

export async function asTablet<T>(db: TenpoDatabase, operation: () => Promise<T>): Promise<T> {
  if (busy) throw new Error('asTablet() calls must not overlap');
  busy = true;
  active = db;
  try {
    return await operation();
  } finally {
    active = null;
    busy = false;
  }
}
